package io.chatx.room;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct rooms over real HTTP and WebSocket: one per pair, also when both open it at
 * once; named after the other participant for each side; never listed; not there for
 * anyone else; not joinable, leavable or deletable; a room like others for sending,
 * history and live events.
 */
@IntegrationTest
class DirectRoomIntegrationTests {

	static final String OPEN = """
			mutation($userId: ID!) {
			  openDirectRoom(userId: $userId) {
			    id name kind private joined memberCount lastSeq createdBy { id } directPeer { id username }
			  }
			}""";

	private static final String ROOM = """
			query($id: ID!) { room(id: $id) { id name kind private joined directPeer { username } } }""";

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

	private static final String MESSAGES = """
			query($id: ID!) { messages(roomId: $id, first: 10) { edges { node { id seq content } } } }""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Test
	void openingCreatesTheRoomOfThePairOnceWithBothAsMembersEachSeeingTheOther() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();

		Map<String, Object> opened = open(alice, bob);

		String id = (String) opened.get("id");
		assertThat(opened).containsEntry("name", bob.username())
			.containsEntry("kind", "DIRECT")
			.containsEntry("private", true)
			.containsEntry("joined", true)
			.containsEntry("memberCount", 2)
			.containsEntry("lastSeq", 0)
			.containsEntry("createdBy", Map.of("id", alice.id()))
			.containsEntry("directPeer", Map.of("id", bob.id(), "username", bob.username()));
		// The other side opens the same room, and sees the opener's name.
		Map<String, Object> reopened = open(bob, alice);
		assertThat(reopened).containsEntry("id", id)
			.containsEntry("name", alice.username())
			.containsEntry("directPeer", Map.of("id", alice.id(), "username", alice.username()))
			.containsEntry("createdBy", Map.of("id", alice.id()));
		assertThat(open(alice, bob)).containsEntry("id", id);
		assertThat(room(alice, id)).containsEntry("name", bob.username())
			.containsEntry("directPeer", Map.of("username", bob.username()));
		assertThat(room(bob, id)).containsEntry("name", alice.username())
			.containsEntry("kind", "DIRECT")
			.containsEntry("directPeer", Map.of("username", alice.username()));
		assertThat(roomsOfPair(alice, bob)).isEqualTo(1);
		assertThat(markers(id)).containsExactlyInAnyOrder(0L, 0L);
	}

	@Test
	void fiftyParallelOpensFromBothSidesGiveOneRoom() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		var fromAlice = this.fixtures.reactive(alice);
		var fromBob = this.fixtures.reactive(bob);

		List<String> ids = Flux.range(0, 50)
			.flatMap((i) -> ((i % 2 == 0) ? fromAlice : fromBob).document(OPEN)
				.variable("userId", (i % 2 == 0) ? bob.id() : alice.id())
				.retrieve("openDirectRoom.id")
				.toEntity(String.class), 50)
			.collectList()
			.block(TestSupport.TIMEOUT);

		assertThat(ids).hasSize(50);
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(roomsOfPair(alice, bob)).isEqualTo(1);
		assertThat(markers(ids.get(0))).hasSize(2);
		assertThat(ChatFixtures.number(this.db, "SELECT member_count::bigint FROM rooms WHERE id = :id",
				UUID.fromString(ids.get(0))))
			.isEqualTo(2);
	}

	@Test
	void openingOneWithOneselfIsBadInputAndWithAnUnknownUserNotFound() {
		TestUser alice = this.client.register();
		expectError(openResponse(alice, alice.id()), "BAD_USER_INPUT");
		expectError(openResponse(alice, UUID.randomUUID().toString()), "NOT_FOUND");
		// An id that is not one names no user either, as with rooms.
		expectError(openResponse(alice, "not-a-user"), "NOT_FOUND");
		expectError(this.client.anonymous().document(OPEN).variable("userId", alice.id()).execute(), "UNAUTHENTICATED");
	}

	@Test
	void aDirectRoomIsNeverListed() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = (String) open(alice, bob).get("id");
		String newer = this.fixtures.publicRoom(alice);

		for (TestUser viewer : List.of(alice, bob, this.client.register())) {
			List<String> newest = listed(viewer, null);
			assertThat(newest).contains(newer).doesNotContain(id);
			assertThat(listed(viewer, bob.username())).doesNotContain(id);
			assertThat(listed(viewer, alice.username())).doesNotContain(id);
		}
	}

	@Test
	void aDirectRoomDoesNotExistForAnyoneElse() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		TestUser eve = this.client.register();
		String id = (String) open(alice, bob).get("id");
		String messageId = sendAs(alice, id, "hello").path("sendMessage.id").entity(String.class).get();

		this.client.as(eve).document(ROOM).variable("id", id).execute().path("room").valueIsNull();
		expectError(this.client.as(eve).document(MESSAGES).variable("id", id).execute(), "NOT_FOUND");
		expectError(sendAs(eve, id, "let me in"), "NOT_FOUND");
		expectError(roomMutation(eve, "joinRoom(roomId: $id) { id }", id), "NOT_FOUND");
		expectError(roomMutation(eve, "leaveRoom(roomId: $id)", id), "NOT_FOUND");
		expectError(roomMutation(eve, "deleteRoom(roomId: $id)", id), "NOT_FOUND");
		expectError(this.client.as(eve)
			.document("mutation($id: ID!) { editMessage(input: {messageId: $id, content: \"mine\"}) { id } }")
			.variable("id", messageId)
			.execute(), "NOT_FOUND");
		expectError(roomMutation(eve, "deleteMessage(messageId: $id) { id }", messageId), "NOT_FOUND");
		expectError(roomMutation(eve, "addReaction(messageId: $id, emoji: \"👍\") { id }", messageId), "NOT_FOUND");
		expectError(roomMutation(eve, "removeReaction(messageId: $id, emoji: \"👍\") { id }", messageId), "NOT_FOUND");
		try (RoomEventsClient events = new RoomEventsClient(this.client.webSocketUri(), eve)) {
			events.subscribe("1", id, null);
			assertThat(RoomEventsClient.code(events.expect("error"))).isEqualTo("NOT_FOUND");
		}
		// Nothing of it changed.
		assertThat(this.client.as(bob)
			.document(MESSAGES)
			.variable("id", id)
			.execute()
			.path("messages.edges[*].node.seq")
			.entityList(Long.class)
			.get()).containsExactly(1L);
		assertThat(markers(id)).hasSize(2);
	}

	@Test
	void itsParticipantsCannotJoinLeaveOrDeleteIt() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = (String) open(alice, bob).get("id");

		for (TestUser participant : List.of(alice, bob)) {
			expectError(roomMutation(participant, "joinRoom(roomId: $id) { id }", id), "FORBIDDEN");
			expectError(roomMutation(participant, "leaveRoom(roomId: $id)", id), "FORBIDDEN");
			// Also the opener, who is its creator.
			expectError(roomMutation(participant, "deleteRoom(roomId: $id)", id), "FORBIDDEN");
		}
		assertThat(room(alice, id)).containsEntry("joined", true);
		assertThat(room(bob, id)).containsEntry("joined", true);
		assertThat(markers(id)).hasSize(2);
	}

	@Test
	void itsParticipantsTalkWithHistoryLiveEventsAndResume() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = (String) open(alice, bob).get("id");

		try (RoomEventsClient aliceEvents = new RoomEventsClient(this.client.webSocketUri(), alice);
				RoomEventsClient bobEvents = new RoomEventsClient(this.client.webSocketUri(), bob)) {
			aliceEvents.subscribe("1", id, null);
			awaitOnline(aliceEvents, alice);
			bobEvents.subscribe("1", id, null);
			awaitOnline(bobEvents, bob);

			sendAs(alice, id, "hi bob").errors().verify();
			sendAs(bob, id, "hi alice").errors().verify();

			for (RoomEventsClient events : List.of(aliceEvents, bobEvents)) {
				Map<String, Object> first = events.next("MessagePosted");
				assertThat(first).extractingByKey("message")
					.isEqualTo(Map.of("seq", 1, "content", "hi bob", "author", Map.of("username", alice.username())));
				assertThat(events.next("MessagePosted")).extractingByKey("message")
					.isEqualTo(Map.of("seq", 2, "content", "hi alice", "author", Map.of("username", bob.username())));
				// Resuming after the first replays the second.
				try (RoomEventsClient resumed = new RoomEventsClient(this.client.webSocketUri(),
						(events == aliceEvents) ? alice : bob)) {
					resumed.subscribe("1", id, (String) first.get("cursor"));
					assertThat(resumed.messageSeqs(1)).containsExactly(2L);
				}
			}
		}
		for (TestUser participant : List.of(alice, bob)) {
			assertThat(this.client.as(participant)
				.document(MESSAGES)
				.variable("id", id)
				.execute()
				.path("messages.edges[*].node.content")
				.entityList(String.class)
				.get()).containsExactly("hi bob", "hi alice");
		}
	}

	@Test
	void openingADirectRoomAnnouncesNothingToTheRoomList() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(this.client.webSocketUri(), alice)) {
			socket.subscribe("1", "subscription { roomListEvents { __typename ... on RoomCreated { room { id } } } }",
					Map.of());
			// A room created before and one after: the next RoomCreated is the latter.
			String before = this.fixtures.publicRoom(alice);
			assertThat(createdRoom(socket)).isEqualTo(before);
			open(alice, bob);
			String after = this.fixtures.publicRoom(bob);
			assertThat(createdRoom(socket)).isEqualTo(after);
		}
	}

	private Map<String, Object> open(TestUser caller, TestUser peer) {
		return openResponse(caller, peer.id()).errors().verify().path("openDirectRoom").entity(MAP).get();
	}

	private GraphQlTester.Response openResponse(TestUser caller, String userId) {
		return this.client.as(caller).document(OPEN).variable("userId", userId).execute();
	}

	private Map<String, Object> room(TestUser viewer, String id) {
		return this.client.as(viewer).document(ROOM).variable("id", id).execute().path("room").entity(MAP).get();
	}

	private GraphQlTester.Response sendAs(TestUser author, String roomId, String content) {
		Map<String, Object> input = new HashMap<>(Map.of("roomId", roomId, "content", content));
		return this.client.as(author).document(ChatFixtures.SEND).variable("input", input).execute();
	}

	private GraphQlTester.Response roomMutation(TestUser user, String field, String id) {
		return this.client.as(user).document("mutation($id: ID!) { " + field + " }").variable("id", id).execute();
	}

	private List<String> listed(TestUser viewer, String search) {
		return this.client.as(viewer)
			.document("query($s: String) { rooms(first: 100, search: $s) { edges { node { id } } } }")
			.variable("s", search)
			.execute()
			.path("rooms.edges[*].node.id")
			.entityList(String.class)
			.get();
	}

	private long roomsOfPair(TestUser a, TestUser b) {
		return this.db.sql("""
				SELECT count(*) FROM rooms WHERE direct_low = least(:a, :b) AND direct_high = greatest(:a, :b)""")
			.bind("a", UUID.fromString(a.id()))
			.bind("b", UUID.fromString(b.id()))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
	}

	private List<Long> markers(String roomId) {
		return this.db.sql("SELECT last_read_seq FROM memberships WHERE room_id = :id")
			.bind("id", UUID.fromString(roomId))
			.map((row) -> row.get(0, Long.class))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT);
	}

	// Its own PresenceChanged: the subscription is live.
	private static void awaitOnline(RoomEventsClient events, TestUser user) {
		while (!Map.of("username", user.username()).equals(events.next("PresenceChanged").get("user"))) {
			// someone else's
		}
	}

	@SuppressWarnings("unchecked")
	private static String createdRoom(RawWebSocket socket) {
		Map<String, Object> payload = (Map<String, Object>) socket.expect("next").get("payload");
		Map<String, Object> event = (Map<String, Object>) ((Map<String, Object>) payload.get("data"))
			.get("roomListEvents");
		assertThat(event).containsEntry("__typename", "RoomCreated");
		return (String) ((Map<String, Object>) event.get("room")).get("id");
	}

}
