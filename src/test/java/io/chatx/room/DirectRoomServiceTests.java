package io.chatx.room;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.chatx.account.User;
import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimitProperties.Rate;
import io.chatx.ratelimit.RateLimiter;
import io.chatx.room.RoomChangeEvents.MembershipChangedEvent;

import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@link DirectRoomService} on its own: what it publishes and what takes from the
 * opener's allowance, when it creates the room, finds it, or loses the race for it.
 */
class DirectRoomServiceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final UUID ALICE = UUID.randomUUID();

	private static final UUID BOB = UUID.randomUUID();

	private static final Rate LIMIT = new Rate(30, 30, Duration.ofHours(1));

	private final DirectRoomRepository repository = mock(DirectRoomRepository.class);

	private final RateLimiter rateLimiter = mock(RateLimiter.class);

	private final TransactionalOperator tx = mock(TransactionalOperator.class);

	private final List<Object> published = new ArrayList<>();

	private final Room room = new Room(UUID.randomUUID(), "bob", true, ALICE, OffsetDateTime.now(), 2, 0, true,
			RoomKind.DIRECT, new User(BOB, "bob"), new ReadState(0, 0, 0L), 0, null);

	private DirectRoomService service;

	@BeforeEach
	void setUp() {
		given(this.tx.transactional(any(Mono.class))).willAnswer((invocation) -> invocation.getArgument(0));
		given(this.rateLimiter.check(anyString(), any(), anyString())).willReturn(Mono.empty());
		RateLimitProperties limits = new RateLimitProperties(true, null, null, null, null, null, null, null, null,
				LIMIT, null);
		this.service = new DirectRoomService(this.repository, this.rateLimiter, limits, this.tx, this.published::add);
	}

	@Test
	void anExistingRoomIsAnsweredWithoutCreatingPublishingOrLimiting() {
		given(this.repository.find(ALICE, BOB)).willReturn(Mono.just(this.room));

		StepVerifier.create(this.service.open(ALICE, BOB.toString())).expectNext(this.room).verifyComplete();

		verify(this.repository, never()).insert(any(), any());
		verifyNoInteractions(this.rateLimiter);
		assertThat(this.published).isEmpty();
	}

	@Test
	void creatingTheRoomTakesFromTheOpenersAllowanceAndTellsBothUsers() {
		UUID roomId = this.room.id();
		given(this.repository.find(ALICE, BOB)).willReturn(Mono.empty(), Mono.just(this.room));
		given(this.repository.insert(ALICE, BOB)).willReturn(Mono.just(roomId));

		StepVerifier.create(this.service.open(ALICE, BOB.toString())).expectNext(this.room).verifyComplete();

		verify(this.rateLimiter).check("open-direct-room", LIMIT, ALICE.toString());
		assertThat(this.published).containsExactly(
				new MembershipChangedEvent(ALICE, roomId, MembershipReason.DIRECT_OPENED),
				new MembershipChangedEvent(BOB, roomId, MembershipReason.DIRECT_OPENED));
	}

	@Test
	void losingTheRaceForThePairAnswersTheWinnersRoomAndPublishesNothing() {
		given(this.repository.find(ALICE, BOB)).willReturn(Mono.empty(), Mono.just(this.room));
		given(this.repository.insert(ALICE, BOB)).willReturn(Mono.empty());

		StepVerifier.create(this.service.open(ALICE, BOB.toString())).expectNext(this.room).verifyComplete();

		verifyNoInteractions(this.rateLimiter);
		assertThat(this.published).isEmpty();
	}

	@Test
	void aRateLimitedCreationFailsAndPublishesNothing() {
		given(this.repository.find(ALICE, BOB)).willReturn(Mono.empty());
		given(this.repository.insert(ALICE, BOB)).willReturn(Mono.just(this.room.id()));
		given(this.rateLimiter.check(anyString(), any(), anyString()))
			.willReturn(Mono.error(ChatxException.rateLimited()));

		StepVerifier.create(this.service.open(ALICE, BOB.toString()))
			.expectErrorSatisfies((ex) -> assertThat(((ChatxException) ex).getCode()).isEqualTo(ErrorCode.RATE_LIMITED))
			.verify(TIMEOUT);

		assertThat(this.published).isEmpty();
	}

	@Test
	void oneselfIsBadInputAndAnIdThatIsNoneNotFound() {
		StepVerifier.create(this.service.open(ALICE, ALICE.toString()))
			.expectErrorSatisfies(
					(ex) -> assertThat(((ChatxException) ex).getCode()).isEqualTo(ErrorCode.BAD_USER_INPUT))
			.verify(TIMEOUT);
		StepVerifier.create(this.service.open(ALICE, "bob"))
			.expectErrorSatisfies((ex) -> assertThat(((ChatxException) ex).getCode()).isEqualTo(ErrorCode.NOT_FOUND))
			.verify(TIMEOUT);
		verifyNoInteractions(this.repository);
	}

}
