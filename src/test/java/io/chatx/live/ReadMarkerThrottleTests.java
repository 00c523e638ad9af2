package io.chatx.live;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import io.chatx.account.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One ReadMarkerChanged per room and user per second: the first at once, the rest of the
 * second folded into one at its end with the latest marker, and nothing kept for pairs
 * that went quiet.
 */
class ReadMarkerThrottleTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final UUID ROOM = UUID.randomUUID();

	private static final User ANN = new User(UUID.randomUUID(), "ann");

	private static final User BEN = new User(UUID.randomUUID(), "ben");

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final List<ReadMarkerChanged> emitted = new CopyOnWriteArrayList<>();

	private final ReadMarkerThrottle throttle = new ReadMarkerThrottle(SECOND, this.time, this.emitted::add);

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	@Test
	void theFirstMoveGoesOutAtOnceAndTheRestOfTheSecondAsOneWithTheLatestMarker() {
		this.throttle.offer(moved(ANN, 1));
		assertThat(markers()).containsExactly(1L);
		this.time.advanceTimeBy(Duration.ofMillis(300));
		this.throttle.offer(moved(ANN, 2));
		this.throttle.offer(moved(ANN, 3));
		assertThat(markers()).containsExactly(1L);
		this.time.advanceTimeBy(Duration.ofMillis(699));
		assertThat(markers()).containsExactly(1L);
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(markers()).containsExactly(1L, 3L);
		this.time.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(markers()).containsExactly(1L, 3L);
	}

	@Test
	void aMoveRightAfterATrailingOneWaitsForTheNextSecond() {
		this.throttle.offer(moved(ANN, 1));
		this.throttle.offer(moved(ANN, 2));
		this.time.advanceTimeBy(SECOND);
		assertThat(markers()).containsExactly(1L, 2L);
		this.throttle.offer(moved(ANN, 5));
		this.time.advanceTimeBy(Duration.ofMillis(999));
		assertThat(markers()).containsExactly(1L, 2L);
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(markers()).containsExactly(1L, 2L, 5L);
	}

	@Test
	void anOlderMarkerArrivingLateDoesNotWin() {
		this.throttle.offer(moved(ANN, 1));
		this.throttle.offer(moved(ANN, 7));
		this.throttle.offer(moved(ANN, 4));
		this.time.advanceTimeBy(SECOND);
		assertThat(markers()).containsExactly(1L, 7L);
	}

	@Test
	void eachUserAndRoomHasItsOwnSecond() {
		UUID otherRoom = UUID.randomUUID();
		this.throttle.offer(moved(ANN, 1));
		this.throttle.offer(moved(BEN, 1));
		this.throttle.offer(new ReadMarkerChanged(otherRoom, ANN, 9, OffsetDateTime.now()));
		assertThat(this.emitted).hasSize(3);
		assertThat(this.throttle.openWindows()).isEqualTo(3);
	}

	@Test
	void quietPairsAreForgottenAndLeadAgain() {
		this.throttle.offer(moved(ANN, 1));
		this.throttle.offer(moved(ANN, 2));
		this.time.advanceTimeBy(SECOND);
		assertThat(this.throttle.openWindows()).isEqualTo(1);
		this.time.advanceTimeBy(SECOND);
		assertThat(this.throttle.openWindows()).isZero();
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		this.throttle.offer(moved(ANN, 3));
		assertThat(markers()).containsExactly(1L, 2L, 3L);
	}

	private List<Long> markers() {
		return this.emitted.stream().map(ReadMarkerChanged::lastReadSeq).toList();
	}

	private static ReadMarkerChanged moved(User user, long marker) {
		return new ReadMarkerChanged(ROOM, user, marker, OffsetDateTime.now());
	}

}
