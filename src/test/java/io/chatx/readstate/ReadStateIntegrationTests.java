package io.chatx.readstate;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
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
 * Read markers and unread counts over real HTTP against PostgreSQL: markRead moves
 * forward only and no further than the newest message, members only; unreadCount counts
 * exactly the messages above the marker that are neither deleted nor the viewer's
 * (checked against that definition, counted in SQL, after every step); a direct room
 * shows how far the other side has read; lastMessage skips deleted messages.
 */
@IntegrationTest
class ReadStateIntegrationTests {

	static final String MARK_READ = """
			mutation($id: ID!, $seq: Long!) {
			  markRead(roomId: $id, seq: $seq) { id joined lastSeq lastReadSeq unreadCount peerLastReadSeq }
			}""";

	static final String ROOM = """
			query($id: ID!) {
			  room(id: $id) {
			    id kind lastSeq lastReadSeq unreadCount peerLastReadSeq
			    lastMessage { seq content deleted author { username } }
			  }
			}""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	TestUser alice;

	TestUser bob;

	@BeforeEach
	void setUp() {
		this.alice = this.client.register();
		this.bob = this.client.register();
	}

	@Test
	void markReadMovesForwardOnlyAndNoFurtherThanTheNewestMessage() {
		String room = this.fixtures.publicRoom(this.alice);
		this.fixtures.join(this.bob, room);
		for (int i = 1; i <= 3; i++) {
			this.fixtures.send(this.alice, room, "m" + i);
		}
		assertThat(state(this.bob, room)).containsEntry("lastReadSeq", 0).containsEntry("unreadCount", 3);

		Map<String, Object> marked = markRead(this.bob, room, 2);
		assertThat(marked).containsEntry("lastReadSeq", 2).containsEntry("unreadCount", 1).containsEntry("id", room);
		assertThat(markRead(this.bob, room, 1)).containsEntry("lastReadSeq", 2).containsEntry("unreadCount", 1);
		assertThat(markRead(this.bob, room, 0)).containsEntry("lastReadSeq", 2);
		assertThat(markRead(this.bob, room, 1_000_000)).containsEntry("lastReadSeq", 3).containsEntry("unreadCount", 0);
		this.fixtures.send(this.alice, room, "m4");
		assertThat(state(this.bob, room)).containsEntry("lastReadSeq", 3).containsEntry("unreadCount", 1);
		assertThat(markRead(this.bob, room, Long.MAX_VALUE)).containsEntry("lastReadSeq", 4)
			.containsEntry("unreadCount", 0);
		assertMatchesDefinition(this.bob, room);
	}

	@Test
	void markReadIsForMembersOfRoomsThatExist() {
		String publicRoom = this.fixtures.publicRoom(this.alice);
		String privateRoom = this.fixtures.privateRoom(this.alice, "secret-pass");
		this.fixtures.send(this.alice, publicRoom, "hello");
		expectError(markReadResponse(this.bob, publicRoom, 1), "FORBIDDEN");
		expectError(markReadResponse(this.bob, privateRoom, 0), "FORBIDDEN");
		expectError(markReadResponse(this.bob, UUID.randomUUID().toString(), 1), "NOT_FOUND");
		expectError(markReadResponse(this.bob, "not-an-id", 1), "NOT_FOUND");
		expectError(markReadResponse(this.alice, publicRoom, -1), "BAD_USER_INPUT");
		TestUser carol = this.client.register();
		String direct = directRoom(this.alice, carol);
		expectError(markReadResponse(this.bob, direct, 1), "NOT_FOUND");
		// Nothing moved for the refused calls.
		assertThat(state(this.alice, publicRoom)).containsEntry("lastReadSeq", 1);
	}

	@Test
	void unreadCountLeavesOutOnesOwnAndDeletedMessages() {
		String room = this.fixtures.publicRoom(this.alice);
		this.fixtures.join(this.bob, room);
		TestUser carol = this.client.register();
		this.fixtures.join(carol, room);

		this.fixtures.send(this.alice, room, "1 by alice");
		String second = messageId(this.fixtures.send(this.bob, room, "2 by bob", null));
		this.fixtures.send(carol, room, "3 by carol");
		this.fixtures.send(this.bob, room, "4 by bob");
		String fifth = messageId(this.fixtures.send(carol, room, "5 by carol", null));
		this.fixtures.send(carol, room, "6 by carol");
		// alice has read only her own message; bob up to his last one; carol all.
		assertThat(state(this.alice, room)).containsEntry("lastReadSeq", 1).containsEntry("unreadCount", 5);
		assertThat(state(this.bob, room)).containsEntry("lastReadSeq", 4).containsEntry("unreadCount", 2);
		assertThat(state(carol, room)).containsEntry("lastReadSeq", 6).containsEntry("unreadCount", 0);

		delete(this.bob, second);
		delete(carol, fifth);
		assertThat(state(this.alice, room)).containsEntry("unreadCount", 3);
		assertThat(state(this.bob, room)).containsEntry("unreadCount", 1);
		assertThat(markRead(this.alice, room, 3)).containsEntry("unreadCount", 2);
		for (TestUser user : new TestUser[] { this.alice, this.bob, carol }) {
			assertMatchesDefinition(user, room);
		}
	}

	@Test
	void aRejoinedMemberStartsWithNothingUnread() {
		String room = this.fixtures.publicRoom(this.alice);
		this.fixtures.join(this.bob, room);
		this.fixtures.send(this.alice, room, "before");
		assertThat(state(this.bob, room)).containsEntry("unreadCount", 1);
		leave(this.bob, room);
		assertThat(state(this.bob, room)).containsEntry("lastReadSeq", 0).containsEntry("unreadCount", 0);
		this.fixtures.send(this.alice, room, "while away");
		this.fixtures.join(this.bob, room);
		assertThat(state(this.bob, room)).containsEntry("lastReadSeq", 2).containsEntry("unreadCount", 0);
		this.fixtures.send(this.alice, room, "after");
		assertThat(state(this.bob, room)).containsEntry("lastReadSeq", 2).containsEntry("unreadCount", 1);
		assertMatchesDefinition(this.bob, room);
	}

	@Test
	void aDirectRoomShowsHowFarThePeerHasRead() {
		String room = directRoom(this.alice, this.bob);
		assertThat(state(this.alice, room)).containsEntry("kind", "DIRECT").containsEntry("peerLastReadSeq", 0);
		this.fixtures.send(this.alice, room, "one");
		this.fixtures.send(this.alice, room, "two");
		assertThat(state(this.alice, room)).containsEntry("lastReadSeq", 2).containsEntry("peerLastReadSeq", 0);
		assertThat(state(this.bob, room)).containsEntry("unreadCount", 2).containsEntry("peerLastReadSeq", 2);
		assertThat(markRead(this.bob, room, 1)).containsEntry("peerLastReadSeq", 2);
		assertThat(state(this.alice, room)).containsEntry("peerLastReadSeq", 1);
		this.fixtures.send(this.bob, room, "three");
		assertThat(state(this.alice, room)).containsEntry("peerLastReadSeq", 3).containsEntry("unreadCount", 1);
		// Other rooms have no peer.
		String open = this.fixtures.publicRoom(this.alice);
		assertThat(state(this.alice, open)).containsEntry("kind", "PUBLIC").containsEntry("peerLastReadSeq", null);
	}

	@Test
	void lastMessageIsTheNewestThatIsNotDeleted() {
		String room = this.fixtures.publicRoom(this.alice);
		assertThat(state(this.alice, room)).containsEntry("lastMessage", null);
		String first = messageId(this.fixtures.send(this.alice, room, "first", null));
		this.fixtures.send(this.alice, room, "second");
		String third = messageId(this.fixtures.send(this.alice, room, "third", null));
		assertThat(lastMessage(this.bob, room)).containsEntry("seq", 3).containsEntry("content", "third");
		delete(this.alice, third);
		assertThat(lastMessage(this.bob, room)).containsEntry("seq", 2)
			.containsEntry("content", "second")
			.containsEntry("author", Map.of("username", this.alice.username()));
		this.fixtures.send(this.alice, room, "fourth");
		assertThat(lastMessage(this.bob, room)).containsEntry("seq", 4);
		String only = this.fixtures.publicRoom(this.alice);
		delete(this.alice, messageId(this.fixtures.send(this.alice, only, "gone", null)));
		assertThat(state(this.alice, only)).containsEntry("lastMessage", null);
		assertThat(first).isNotNull();
	}

	@Test
	void aPrivateRoomShowsItsLastMessageToMembersOnly() {
		String room = this.fixtures.privateRoom(this.alice, "secret-pass");
		this.fixtures.send(this.alice, room, "secret");
		assertThat(lastMessage(this.alice, room)).containsEntry("content", "secret");
		Map<String, Object> seenByBob = this.client.as(this.bob)
			.document(ROOM)
			.variable("id", room)
			.execute()
			.path("room")
			.entity(Map.class)
			.get();
		assertThat(seenByBob).containsEntry("lastMessage", null)
			.containsEntry("unreadCount", 0)
			.containsEntry("lastReadSeq", 0);
	}

	// The unread count as the contract defines it, counted message by message.
	private void assertMatchesDefinition(TestUser user, String room) {
		long expected = this.db
			.sql("""
					SELECT count(*) FROM messages m
					JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = :user
					WHERE m.room_id = :room AND m.seq > ms.last_read_seq AND m.deleted_at IS NULL AND m.author_id <> :user""")
			.bind("user", UUID.fromString(user.id()))
			.bind("room", UUID.fromString(room))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
		assertThat(((Number) state(user, room).get("unreadCount")).longValue()).as("unread of " + user.username())
			.isEqualTo(expected);
	}

	/**
	 * A direct room of two users, written straight to the database as openDirectRoom
	 * stores one.
	 */
	String directRoom(TestUser one, TestUser other) {
		return directRoom(this.db, one, other);
	}

	static String directRoom(DatabaseClient db, TestUser one, TestUser other) {
		// PostgreSQL's uuid order (bytes, unsigned), not UUID.compareTo's (signed).
		return db.sql("""
				WITH room AS (
				  INSERT INTO rooms (name, private, member_count, created_by, direct_low, direct_high)
				  VALUES ('', true, 2, :one, least(:one::uuid, :other::uuid), greatest(:one::uuid, :other::uuid))
				  RETURNING id)
				INSERT INTO memberships (room_id, user_id) SELECT id, u FROM room, unnest(ARRAY[:one, :other]) AS u
				RETURNING room_id""")
			.bind("one", UUID.fromString(one.id()))
			.bind("other", UUID.fromString(other.id()))
			.map((row) -> row.get(0, UUID.class).toString())
			.all()
			.blockFirst(TestSupport.TIMEOUT);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> state(TestUser user, String room) {
		return this.client.as(user)
			.document(ROOM)
			.variable("id", room)
			.execute()
			.errors()
			.verify()
			.path("room")
			.entity(Map.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> lastMessage(TestUser user, String room) {
		Map<String, Object> last = (Map<String, Object>) state(user, room).get("lastMessage");
		assertThat(last).as("lastMessage").isNotNull();
		return last;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> markRead(TestUser user, String room, long seq) {
		return markReadResponse(user, room, seq).errors().verify().path("markRead").entity(Map.class).get();
	}

	GraphQlTester.Response markReadResponse(TestUser user, String room, long seq) {
		return this.client.as(user).document(MARK_READ).variable("id", room).variable("seq", seq).execute();
	}

	private void delete(TestUser user, String messageId) {
		this.client.as(user)
			.document("mutation($id: ID!) { deleteMessage(messageId: $id) { deleted } }")
			.variable("id", messageId)
			.execute()
			.path("deleteMessage.deleted")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	private void leave(TestUser user, String room) {
		this.client.as(user)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", room)
			.execute()
			.path("leaveRoom")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	private static String messageId(GraphQlTester.Response sent) {
		return sent.errors().verify().path("sendMessage.id").entity(String.class).get();
	}

}
