package io.chatx.room;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms over real HTTP: creating, joining, leaving, deleting and finding them, and every
 * bad input.
 */
@IntegrationTest
class RoomIntegrationTests {

	static final String ROOM_FIELDS = "id name private memberCount joined lastSeq createdAt createdBy { id username } onlineCount online { id }";

	private static final String CREATE = "mutation($input: CreateRoomInput!) { createRoom(input: $input) { "
			+ ROOM_FIELDS + " } }";

	private static final String JOIN = "mutation($id: ID!, $password: String) { joinRoom(roomId: $id, password: $password) { "
			+ ROOM_FIELDS + " } }";

	private static final String ROOM = "query($id: ID!) { room(id: $id) { " + ROOM_FIELDS + " } }";

	@Autowired
	DatabaseClient db;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void creatorIsTheFirstMemberOfANewRoom() {
		TestUser alice = this.client.register();
		String name = TestSupport.unique("Lobby");
		GraphQlTester.Response created = create(alice, Map.of("name", name));
		created.path("createRoom.name")
			.entity(String.class)
			.isEqualTo(name)
			.path("createRoom.private")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("createRoom.memberCount")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("createRoom.joined")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("createRoom.lastSeq")
			.entity(Long.class)
			.isEqualTo(0L)
			.path("createRoom.createdBy.id")
			.entity(String.class)
			.isEqualTo(alice.id())
			.path("createRoom.createdBy.username")
			.entity(String.class)
			.isEqualTo(alice.username())
			.path("createRoom.onlineCount")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("createRoom.createdAt")
			.entity(String.class)
			.satisfies((at) -> assertThat(at).endsWith("Z"));
		String id = created.path("createRoom.id").entity(String.class).get();
		room(alice, id).path("room.joined")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("room.memberCount")
			.entity(Integer.class)
			.isEqualTo(1);
	}

	@Test
	void trimsTheRoomName() {
		TestUser alice = this.client.register();
		String name = TestSupport.unique("trim");
		create(alice, Map.of("name", "  " + name + "\t")).path("createRoom.name").entity(String.class).isEqualTo(name);
	}

	@Test
	void acceptsNamesOfOneTo64CharactersAfterTrimming() {
		TestUser alice = this.client.register();
		String unique = TestSupport.unique("n");
		create(alice, Map.of("name", unique + "x".repeat(64 - unique.length()))).errors().verify();
		// Characters, not UTF-16 units: 64 emoji are a valid name.
		String digits = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 10000));
		create(alice, Map.of("name", "\uD83D\uDE00".repeat(60) + digits)).errors().verify();
		String single = new String(Character.toChars(0x4E00 + ThreadLocalRandom.current().nextInt(20000)));
		create(alice, Map.of("name", " " + single + " ")).path("createRoom.name")
			.entity(String.class)
			.isEqualTo(single);
		expectError(create(alice, Map.of("name", unique + "y".repeat(65 - unique.length()))), "BAD_USER_INPUT");
		expectError(create(alice, Map.of("name", "   ")), "BAD_USER_INPUT");
		expectError(create(alice, Map.of("name", "")), "BAD_USER_INPUT");
		expectError(create(alice, Map.of("name", "bad\nname")), "BAD_USER_INPUT");
	}

	@Test
	void rejectsADuplicateNameInAnyCase() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String name = TestSupport.unique("Dup");
		create(alice, Map.of("name", name)).errors().verify();
		expectError(create(bob, Map.of("name", " " + name.toUpperCase())), "CONFLICT");
		expectError(create(bob, Map.of("name", name.toLowerCase())), "CONFLICT");
	}

	@Test
	void privateRoomNeedsAPasswordOf4To128Characters() {
		TestUser alice = this.client.register();
		expectError(create(alice, Map.of("name", TestSupport.unique("p"), "private", true)), "BAD_USER_INPUT");
		expectError(create(alice, privateInput("abc")), "BAD_USER_INPUT");
		expectError(create(alice, privateInput("p".repeat(129))), "BAD_USER_INPUT");
		create(alice, privateInput("abcd")).path("createRoom.private").entity(Boolean.class).isEqualTo(true);
		create(alice, privateInput("p".repeat(128))).path("createRoom.private").entity(Boolean.class).isEqualTo(true);
	}

	@Test
	void rejectsAPasswordForAPublicRoom() {
		TestUser alice = this.client.register();
		expectError(create(alice, Map.of("name", TestSupport.unique("pub"), "password", "secret")), "BAD_USER_INPUT");
	}

	@Test
	void storesRoomPasswordsWithBcrypt() {
		TestUser alice = this.client.register();
		String id = this.fixtures.privateRoom(alice, "open-sesame");
		String hash = this.db.sql("SELECT password_hash FROM rooms WHERE id = :id")
			.bind("id", UUID.fromString(id))
			.map((row) -> row.get(0, String.class))
			.one()
			.block(TestSupport.TIMEOUT);
		assertThat(hash).matches("^\\$2[aby]\\$1[0-9]\\$.{53}$").doesNotContain("open-sesame");
	}

	@Test
	void rejectsMaxMembersBelowOne() {
		TestUser alice = this.client.register();
		expectError(create(alice, Map.of("name", TestSupport.unique("cap"), "maxMembers", 0)), "BAD_USER_INPUT");
		expectError(create(alice, Map.of("name", TestSupport.unique("cap"), "maxMembers", -5)), "BAD_USER_INPUT");
		create(alice, Map.of("name", TestSupport.unique("cap"), "maxMembers", 1)).errors().verify();
	}

	@Test
	void joiningAPublicRoomCountsTheMemberOnce() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.publicRoom(alice);
		room(bob, id).path("room.joined").entity(Boolean.class).isEqualTo(false);
		join(bob, id, null).path("joinRoom.joined")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("joinRoom.memberCount")
			.entity(Integer.class)
			.isEqualTo(2);
		join(bob, id, null).path("joinRoom.memberCount").entity(Integer.class).isEqualTo(2);
		room(alice, id).path("room.memberCount").entity(Integer.class).isEqualTo(2);
	}

	@Test
	void joinsAPrivateRoomWithItsPassword() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.privateRoom(alice, "open-sesame");
		join(bob, id, "open-sesame").path("joinRoom.joined")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("joinRoom.private")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("joinRoom.memberCount")
			.entity(Integer.class)
			.isEqualTo(2);
		// A member joins again without the password.
		join(bob, id, null).path("joinRoom.memberCount").entity(Integer.class).isEqualTo(2);
		join(alice, id, "not-the-password").path("joinRoom.joined").entity(Boolean.class).isEqualTo(true);
	}

	@Test
	void refusesAndAuditsAWrongRoomPassword() {
		TestUser alice = this.client.register();
		TestUser mallory = this.client.register();
		String id = this.fixtures.privateRoom(alice, "open-sesame");
		expectError(join(mallory, id, "guess-1"), "WRONG_ROOM_PASSWORD");
		expectError(join(mallory, id, "Open-Sesame"), "WRONG_ROOM_PASSWORD");
		room(mallory, id).path("room.joined")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("room.memberCount")
			.entity(Integer.class)
			.isEqualTo(1);
		Long audited = this.db.sql(
				"SELECT count(*) FROM audit_events WHERE kind = 'ROOM_PASSWORD_WRONG' AND user_id = :u AND subject = :room")
			.bind("u", UUID.fromString(mallory.id()))
			.bind("room", id)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
		assertThat(audited).isEqualTo(2);
	}

	@Test
	void aMissingRoomPasswordIsAWrongOne() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.privateRoom(alice, "open-sesame");
		expectError(join(bob, id, null), "WRONG_ROOM_PASSWORD");
	}

	@Test
	void aFullRoomRefusesNewMembersButNotItsMembers() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		TestUser carol = this.client.register();
		String id = this.fixtures.createRoom(alice, Map.of("name", TestSupport.unique("duo"), "maxMembers", 2));
		join(bob, id, null).path("joinRoom.memberCount").entity(Integer.class).isEqualTo(2);
		expectError(join(carol, id, null), "ROOM_FULL");
		join(bob, id, null).path("joinRoom.memberCount").entity(Integer.class).isEqualTo(2);
		room(carol, id).path("room.joined").entity(Boolean.class).isEqualTo(false);
		// Leaving frees the seat.
		leave(bob, id).path("leaveRoom").entity(Boolean.class).isEqualTo(true);
		join(carol, id, null).path("joinRoom.memberCount").entity(Integer.class).isEqualTo(2);
	}

	@Test
	void joiningAnUnknownRoomIsNotFound() {
		TestUser bob = this.client.register();
		expectError(join(bob, UUID.randomUUID().toString(), null), "NOT_FOUND");
		expectError(join(bob, "not-a-room-id", null), "NOT_FOUND");
	}

	@Test
	void leavingUncountsTheMember() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.publicRoom(alice);
		this.fixtures.join(bob, id);
		leave(bob, id).path("leaveRoom").entity(Boolean.class).isEqualTo(true);
		room(bob, id).path("room.joined")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("room.memberCount")
			.entity(Integer.class)
			.isEqualTo(1);
		// Not a member any more: nothing to leave.
		leave(bob, id).path("leaveRoom").entity(Boolean.class).isEqualTo(false);
		room(bob, id).path("room.memberCount").entity(Integer.class).isEqualTo(1);
		expectError(leave(bob, UUID.randomUUID().toString()), "NOT_FOUND");
		expectError(leave(bob, "nonsense"), "NOT_FOUND");
	}

	@Test
	void theCreatorDeletesARoomWithItsMessagesAndMemberships() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String name = TestSupport.unique("doomed");
		String id = this.fixtures.createRoom(alice, Map.of("name", name));
		this.fixtures.join(bob, id);
		ChatFixtures.insertMessages(this.db, id, bob.id(), 3);
		delete(alice, id).path("deleteRoom").entity(Boolean.class).isEqualTo(true);
		room(alice, id).path("room").valueIsNull();
		assertThat(count("SELECT count(*) FROM messages WHERE room_id = :id", id)).isZero();
		assertThat(count("SELECT count(*) FROM memberships WHERE room_id = :id", id)).isZero();
		expectError(delete(alice, id), "NOT_FOUND");
		// The name is free again.
		create(bob, Map.of("name", name)).errors().verify();
	}

	@Test
	void onlyTheCreatorMayDeleteARoom() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.publicRoom(alice);
		this.fixtures.join(bob, id);
		expectError(delete(bob, id), "FORBIDDEN");
		room(bob, id).path("room.id").entity(String.class).isEqualTo(id);
		expectError(delete(bob, UUID.randomUUID().toString()), "NOT_FOUND");
		expectError(delete(bob, "nonsense"), "NOT_FOUND");
	}

	@Test
	void anUnknownRoomIsNull() {
		TestUser bob = this.client.register();
		room(bob, UUID.randomUUID().toString()).path("room").valueIsNull();
		room(bob, "not-a-uuid").path("room").valueIsNull();
		room(bob, UUID.randomUUID().toString().toUpperCase()).path("room").valueIsNull();
	}

	@Test
	void aPrivateRoomIsVisibleToThoseWhoHaveNotJoined() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.privateRoom(alice, "open-sesame");
		room(bob, id).path("room.private")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("room.joined")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("room.createdBy.id")
			.entity(String.class)
			.isEqualTo(alice.id());
	}

	@Test
	void everyRoomOperationNeedsASignedInUser() {
		TestUser alice = this.client.register();
		String id = this.fixtures.publicRoom(alice);
		for (String operation : List.of("query { room(id: \"" + id + "\") { id } }",
				"query { rooms { edges { cursor } } }", "mutation { createRoom(input: {name: \"anonymous\"}) { id } }",
				"mutation { joinRoom(roomId: \"" + id + "\") { id } }",
				"mutation { leaveRoom(roomId: \"" + id + "\") }", "mutation { deleteRoom(roomId: \"" + id + "\") }")) {
			expectError(this.client.anonymous().document(operation).execute(), "UNAUTHENTICATED");
		}
		room(alice, id).path("room.memberCount").entity(Integer.class).isEqualTo(1);
	}

	private Map<String, Object> privateInput(String password) {
		return Map.of("name", TestSupport.unique("priv"), "private", true, "password", password);
	}

	private GraphQlTester.Response create(TestUser user, Map<String, Object> input) {
		return this.client.as(user).document(CREATE).variable("input", new HashMap<>(input)).execute();
	}

	private GraphQlTester.Response join(TestUser user, String id, String password) {
		return this.client.as(user).document(JOIN).variable("id", id).variable("password", password).execute();
	}

	private GraphQlTester.Response leave(TestUser user, String id) {
		return this.client.as(user)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", id)
			.execute();
	}

	private GraphQlTester.Response delete(TestUser user, String id) {
		return this.client.as(user)
			.document("mutation($id: ID!) { deleteRoom(roomId: $id) }")
			.variable("id", id)
			.execute();
	}

	private GraphQlTester.Response room(TestUser user, String id) {
		return this.client.as(user).document(ROOM).variable("id", id).execute();
	}

	private long count(String sql, String roomId) {
		return this.db.sql(sql)
			.bind("id", UUID.fromString(roomId))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
	}

}
