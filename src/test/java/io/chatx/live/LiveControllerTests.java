package io.chatx.live;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import graphql.GraphQLError;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.chatx.account.User;
import io.chatx.graphql.GraphQlSlice;
import io.chatx.live.presence.PresenceRegistry;
import io.chatx.message.MessageCursor;
import io.chatx.room.Room;
import io.chatx.room.RoomService;
import io.chatx.support.WithSignedInUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static io.chatx.graphql.GraphQlSlice.expectCode;
import static io.chatx.support.WithSignedInUser.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@link LiveController} on its own: the subscriptions' arguments and signed-in user
 * handed to the hubs, presence of the subscriber, the event types of the unions, who may
 * see who is online, and the codes of errors that end a stream.
 */
@GraphQlTest(LiveController.class)
@Import(GraphQlSlice.class)
class LiveControllerTests {

	private static final UUID ROOM = UUID.randomUUID();

	private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.UTC);

	private static final User BOB = new User(UUID.randomUUID(), "bob");

	@MockitoBean
	RoomService rooms;

	@MockitoBean
	RoomHub hub;

	@MockitoBean
	RoomListHub roomList;

	@MockitoBean
	PresenceRegistry presence;

	@Autowired
	ExecutionGraphQlServiceTester tester;

	@Test
	@WithSignedInUser
	void roomEventsOfAPublicRoomFollowTheHubWhileTheUserCountsAsOnline() {
		given(this.rooms.findReadable(ALICE.id(), ROOM)).willReturn(Mono.just(room(ROOM, false, false)));
		given(this.hub.subscribe(ROOM, null, null, ALICE.id(), false))
			.willReturn(Flux.just(new MemberJoined(ROOM, BOB, AT)));
		StepVerifier.create(roomEvents(null))
			.assertNext((event) -> event.path("roomEvents.user.username").entity(String.class).isEqualTo("bob"))
			.verifyComplete();
		then(this.presence).should().enterLocally(ROOM, User.of(ALICE));
		then(this.presence).should().leaveLocally(ROOM, User.of(ALICE));
	}

	@Test
	@WithSignedInUser
	void roomEventsOfAPrivateRoomAreForTheSignedInMemberFromTheCursorOn() {
		String after = MessageCursor.encode(ROOM, 41, 57);
		given(this.rooms.findReadable(ALICE.id(), ROOM)).willReturn(Mono.just(room(ROOM, true, true)));
		given(this.hub.subscribe(ROOM, new MessageCursor.Position(41, 57L), ALICE.id(), ALICE.id(), true))
			.willReturn(Flux.just(new RoomDeleted(ROOM, AT)));
		StepVerifier.create(roomEvents(after))
			.assertNext(
					(event) -> event.path("roomEvents.at").entity(String.class).isEqualTo("2026-12-03T10:00:00.000Z"))
			.verifyComplete();
	}

	@Test
	@WithSignedInUser
	void roomEventsOfARoomThatIsNoIdEndWithNotFound() {
		StepVerifier
			.create(graphQl().document("subscription { roomEvents(roomId: \"no-such-room\") { __typename } }")
				.executeSubscription()
				.toFlux())
			.verifyErrorSatisfies((ex) -> expectCode(errorsOf(ex), "NOT_FOUND"));
		verifyNoInteractions(this.hub, this.presence);
	}

	@Test
	void roomEventsNeedASignIn() {
		StepVerifier.create(roomEvents(null)).verifyErrorSatisfies((ex) -> expectCode(errorsOf(ex), "UNAUTHENTICATED"));
		verifyNoInteractions(this.rooms, this.hub, this.presence);
	}

	@Test
	@WithSignedInUser
	void roomListEventsShowANewRoomAsItsCreatorSeesIt() {
		Room ownRoom = new Room(UUID.randomUUID(), "Mine", false, ALICE.id(), AT, 1, 0, false);
		Room bobsRoom = new Room(UUID.randomUUID(), "Bob's", false, BOB.id(), AT, 1, 0, false);
		given(this.roomList.subscribe())
			.willReturn(Flux.just(new RoomCreated(ownRoom), new RoomCreated(bobsRoom), new RoomDeleted(ROOM, AT)));
		StepVerifier.create(graphQl().document("""
				subscription { roomListEvents { __typename
				  ... on RoomCreated { room { name joined } }
				  ... on RoomDeleted { roomId } } }""").executeSubscription().toFlux())
			.assertNext((event) -> event.path("roomListEvents.room.joined").entity(Boolean.class).isEqualTo(true))
			.assertNext((event) -> event.path("roomListEvents.room.joined").entity(Boolean.class).isEqualTo(false))
			.assertNext((event) -> event.path("roomListEvents.roomId").entity(String.class).isEqualTo(ROOM.toString()))
			.verifyComplete();
	}

	@Test
	@WithSignedInUser
	void whoIsOnlineInAPrivateRoomIsForItsMembers() {
		Room open = room(UUID.randomUUID(), false, false);
		Room closed = room(UUID.randomUUID(), true, false);
		given(this.presence.onlineCount(open.id())).willReturn(1);
		given(this.presence.online(open.id())).willReturn(List.of(BOB));
		given(this.roomList.subscribe()).willReturn(Flux.just(new RoomCreated(open), new RoomCreated(closed)));
		StepVerifier
			.create(graphQl().document("""
					subscription { roomListEvents {
					  ... on RoomCreated { room { onlineCount online { username } } } } }""")
				.executeSubscription()
				.toFlux())
			.assertNext((event) -> {
				event.path("roomListEvents.room.onlineCount").entity(Integer.class).isEqualTo(1);
				event.path("roomListEvents.room.online[0].username").entity(String.class).isEqualTo("bob");
			})
			.assertNext((event) -> {
				event.path("roomListEvents.room.onlineCount").entity(Integer.class).isEqualTo(0);
				event.path("roomListEvents.room.online").entityList(Object.class).hasSize(0);
			})
			.verifyComplete();
		then(this.presence).should().onlineCount(open.id());
		then(this.presence).should().online(open.id());
		then(this.presence).shouldHaveNoMoreInteractions();
	}

	private Flux<GraphQlTester.Response> roomEvents(@Nullable String after) {
		return graphQl().document("""
				subscription($roomId: ID!, $after: String) { roomEvents(roomId: $roomId, after: $after) {
				  ... on MemberJoined { user { username } }
				  ... on RoomDeleted { at } } }""")
			.variable("roomId", ROOM.toString())
			.variable("after", after)
			.executeSubscription()
			.toFlux();
	}

	private GraphQlTester graphQl() {
		return GraphQlSlice.fromClient(this.tester);
	}

	private static Iterable<GraphQLError> errorsOf(Throwable ex) {
		assertThat(ex).isInstanceOf(SubscriptionPublisherException.class);
		return ((SubscriptionPublisherException) ex).getErrors();
	}

	private static Room room(UUID id, boolean isPrivate, boolean joined) {
		return new Room(id, "Room", isPrivate, BOB.id(), AT, 2, 0, joined);
	}

}
