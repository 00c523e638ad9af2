package io.chatx.room;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.common.ChatxException;
import io.chatx.common.Connection;
import io.chatx.common.ErrorCode;
import io.chatx.graphql.GraphQlSlice;
import io.chatx.support.WithSignedInUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static io.chatx.graphql.GraphQlSlice.CLIENT_ADDRESS;
import static io.chatx.graphql.GraphQlSlice.expectCode;
import static io.chatx.support.WithSignedInUser.ALICE;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@link RoomController} on its own: the schema mapping of rooms (including the fields
 * that are not columns), the arguments and the signed-in user handed to the services, and
 * the codes of their errors.
 */
@GraphQlTest(RoomController.class)
@Import(GraphQlSlice.class)
class RoomControllerTests {

	private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

	private static final User BOB = new User(UUID.randomUUID(), "bob");

	@MockitoBean
	RoomService rooms;

	@MockitoBean
	MembershipService memberships;

	@MockitoBean
	UserLoader users;

	@Autowired
	ExecutionGraphQlServiceTester tester;

	@Test
	@WithSignedInUser
	void roomIsLookedUpForTheSignedInUser() {
		Room lobby = room("Lobby", false, false, 42);
		given(this.rooms.find(ALICE.id(), "room-1")).willReturn(Mono.just(lobby));
		given(this.users.user(BOB.id())).willReturn(Mono.just(BOB));
		GraphQlTester.Response response = graphQl()
			.document("{ room(id: \"room-1\") { id name private createdBy { username } createdAt memberCount joined "
					+ "lastSeq } }")
			.execute();
		response.path("room.id").entity(String.class).isEqualTo(lobby.id().toString());
		response.path("room.private").entity(Boolean.class).isEqualTo(false);
		response.path("room.createdBy.username").entity(String.class).isEqualTo("bob");
		response.path("room.createdAt").entity(String.class).isEqualTo("2026-12-01T09:00:00.000Z");
		response.path("room.memberCount").entity(Integer.class).isEqualTo(3);
		response.path("room.lastSeq").entity(Long.class).isEqualTo(42L);
	}

	@Test
	@WithSignedInUser
	void aPrivateRoomNotJoinedHidesHowFarItsConversationWent() {
		given(this.rooms.find(ALICE.id(), "room-1")).willReturn(Mono.just(room("Secret", true, false, 42)));
		GraphQlTester.Response response = graphQl().document("{ room(id: \"room-1\") { private joined lastSeq } }")
			.execute();
		response.path("room.private").entity(Boolean.class).isEqualTo(true);
		response.path("room.lastSeq").entity(Long.class).isEqualTo(0L);
	}

	@Test
	@WithSignedInUser
	void roomsPassesThePagingArgumentsAndLoadsTheCreatorsAtOnce() {
		Room lobby = room("Lobby", false, true, 1);
		given(this.rooms.list(ALICE.id(), 20, null, "lob"))
			.willReturn(Mono.just(Connection.of(List.of(lobby), (room) -> "cursor-1", false, true)));
		given(this.users.preload(List.of(BOB.id()))).willReturn(Mono.empty());
		GraphQlTester.Response response = graphQl()
			.document("{ rooms(search: \"lob\") { edges { node { name joined } cursor } pageInfo { hasNextPage "
					+ "endCursor } } }")
			.execute();
		response.path("rooms.edges[0].node.name").entity(String.class).isEqualTo("Lobby");
		response.path("rooms.edges[0].cursor").entity(String.class).isEqualTo("cursor-1");
		response.path("rooms.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		then(this.users).should().preload(List.of(BOB.id()));
	}

	@Test
	@WithSignedInUser
	void createRoomBindsThePrivateFlag() {
		CreateRoomInput input = new CreateRoomInput("Secret", true, "pass-word", 10);
		given(this.rooms.create(ALICE.id(), input)).willReturn(Mono.just(room("Secret", true, true, 0)));
		graphQl()
			.document("mutation { createRoom(input: {name: \"Secret\", private: true, password: \"pass-word\", "
					+ "maxMembers: 10}) { name private } }")
			.execute()
			.path("createRoom.private")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	@WithSignedInUser
	void joinRoomJoinsAsTheSignedInUserFromTheClientAddress() {
		Room lobby = room("Lobby", true, true, 0);
		given(this.memberships.join(User.of(ALICE), "room-1", "pass-word", CLIENT_ADDRESS))
			.willReturn(Mono.just(new Joined(lobby, true)));
		graphQl().document("mutation { joinRoom(roomId: \"room-1\", password: \"pass-word\") { joined } }")
			.execute()
			.path("joinRoom.joined")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	@WithSignedInUser
	void aWrongRoomPasswordKeepsItsCode() {
		given(this.memberships.join(User.of(ALICE), "room-1", "guess", CLIENT_ADDRESS))
			.willReturn(Mono.error(new ChatxException(ErrorCode.WRONG_ROOM_PASSWORD, "Wrong room password.")));
		expectCode(
				graphQl().document("mutation { joinRoom(roomId: \"room-1\", password: \"guess\") { id } }").execute(),
				"WRONG_ROOM_PASSWORD");
	}

	@Test
	@WithSignedInUser
	void leaveRoomLeavesAsTheSignedInUser() {
		given(this.memberships.leave(User.of(ALICE), "room-1")).willReturn(Mono.just(true));
		graphQl().document("mutation { leaveRoom(roomId: \"room-1\") }")
			.execute()
			.path("leaveRoom")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	@WithSignedInUser
	void deleteRoomByAnotherUserIsForbidden() {
		given(this.rooms.delete(ALICE.id(), "room-1"))
			.willReturn(Mono.error(ChatxException.forbidden("Only the room's creator may delete it.")));
		expectCode(graphQl().document("mutation { deleteRoom(roomId: \"room-1\") }").execute(), "FORBIDDEN");
	}

	@Test
	@WithSignedInUser(id = "00000000-0000-4000-8000-000000000b0b", username = "bob")
	void theServicesSeeWhoeverIsSignedIn() {
		UUID bob = UUID.fromString("00000000-0000-4000-8000-000000000b0b");
		given(this.rooms.delete(bob, "room-1")).willReturn(Mono.just(true));
		graphQl().document("mutation { deleteRoom(roomId: \"room-1\") }")
			.execute()
			.path("deleteRoom")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	void everyRoomOperationNeedsASignIn() {
		for (String operation : List.of("{ room(id: \"room-1\") { id } }", "{ rooms { edges { cursor } } }",
				"mutation { createRoom(input: {name: \"Lobby\"}) { id } }",
				"mutation { joinRoom(roomId: \"room-1\") { id } }", "mutation { leaveRoom(roomId: \"room-1\") }",
				"mutation { deleteRoom(roomId: \"room-1\") }")) {
			expectCode(graphQl().document(operation).execute(), "UNAUTHENTICATED");
		}
		verifyNoInteractions(this.rooms, this.memberships);
	}

	private GraphQlTester graphQl() {
		return GraphQlSlice.fromClient(this.tester);
	}

	private static Room room(String name, boolean isPrivate, boolean joined, long lastSeq) {
		return new Room(UUID.randomUUID(), name, isPrivate, BOB.id(), CREATED, 3, lastSeq, joined);
	}

}
