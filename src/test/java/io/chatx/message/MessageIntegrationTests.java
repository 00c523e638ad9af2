package io.chatx.message;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.SqlLog;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending messages over real HTTP (and once over WebSocket): membership, content rules,
 * seq numbering and clientMessageId retries.
 */
@IntegrationTest
class MessageIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	TestUser alice;

	String roomId;

	@BeforeEach
	void setUp() {
		this.alice = this.client.register();
		this.roomId = this.fixtures.publicRoom(this.alice);
	}

	@Test
	void storesATrimmedMessageAsTheRoomsFirst() {
		GraphQlTester.Response sent = this.fixtures.send(this.alice, this.roomId, "  hello, world \n", null);
		sent.path("sendMessage.seq")
			.entity(Long.class)
			.isEqualTo(1L)
			.path("sendMessage.roomId")
			.entity(String.class)
			.isEqualTo(this.roomId)
			.path("sendMessage.content")
			.entity(String.class)
			.isEqualTo("hello, world")
			.path("sendMessage.author.id")
			.entity(String.class)
			.isEqualTo(this.alice.id())
			.path("sendMessage.author.username")
			.entity(String.class)
			.isEqualTo(this.alice.username())
			.path("sendMessage.clientMessageId")
			.valueIsNull();
		OffsetDateTime sentAt = OffsetDateTime.parse(sent.path("sendMessage.sentAt").entity(String.class).get());
		assertThat(Duration.between(sentAt, OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(1));
		assertThat(lastSeq(this.alice)).isEqualTo(1);
	}

	@Test
	void numbersARoomsMessagesOneTwoThree() {
		TestUser bob = this.client.register();
		this.fixtures.join(bob, this.roomId);
		assertThat(this.fixtures.send(this.alice, this.roomId, "one")).isEqualTo(1);
		assertThat(this.fixtures.send(bob, this.roomId, "two")).isEqualTo(2);
		assertThat(this.fixtures.send(this.alice, this.roomId, "three")).isEqualTo(3);
		// Another room counts on its own.
		String other = this.fixtures.publicRoom(bob);
		assertThat(this.fixtures.send(bob, other, "first")).isEqualTo(1);
		assertThat(lastSeq(this.alice)).isEqualTo(3);
	}

	@Test
	void sendingToARoomNotJoinedIsForbiddenAndUsesNoSeq() {
		TestUser bob = this.client.register();
		expectError(this.fixtures.send(bob, this.roomId, "let me in", null), "FORBIDDEN");
		this.fixtures.join(bob, this.roomId);
		this.client.as(bob)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", this.roomId)
			.execute()
			.errors()
			.verify();
		expectError(this.fixtures.send(bob, this.roomId, "after leaving", null), "FORBIDDEN");
		assertThat(lastSeq(this.alice)).isZero();
		assertThat(this.fixtures.send(this.alice, this.roomId, "first")).isEqualTo(1);
	}

	@Test
	void sendingToAnUnknownRoomIsNotFound() {
		expectError(this.fixtures.send(this.alice, UUID.randomUUID().toString(), "hello?", null), "NOT_FOUND");
		expectError(this.fixtures.send(this.alice, "no-such-room", "hello?", null), "NOT_FOUND");
		this.client.as(this.alice)
			.document("mutation($id: ID!) { deleteRoom(roomId: $id) }")
			.variable("id", this.roomId)
			.execute()
			.errors()
			.verify();
		expectError(this.fixtures.send(this.alice, this.roomId, "anyone?", null), "NOT_FOUND");
	}

	@Test
	void contentIsOneTo4000CharactersAfterTrimming() {
		for (String bad : List.of("", "   ", " \n\t ", "x".repeat(4001), " " + "y".repeat(4001) + " ",
				"nul\u0000byte")) {
			expectError(this.fixtures.send(this.alice, this.roomId, bad, null), "BAD_USER_INPUT");
		}
		assertThat(lastSeq(this.alice)).isZero();
		String longest = "z".repeat(4000);
		this.fixtures.send(this.alice, this.roomId, "  " + longest + "  ", null)
			.path("sendMessage.content")
			.entity(String.class)
			.isEqualTo(longest);
		// Characters, not UTF-16 units.
		this.fixtures.send(this.alice, this.roomId, "\uD83D\uDE00".repeat(4000), null).errors().verify();
		this.fixtures.send(this.alice, this.roomId, "x", null).path("sendMessage.seq").entity(Long.class).isEqualTo(3L);
	}

	@Test
	void clientMessageIdIsUpTo64Characters() {
		this.fixtures.send(this.alice, this.roomId, "ok", "c".repeat(64))
			.path("sendMessage.clientMessageId")
			.entity(String.class)
			.isEqualTo("c".repeat(64));
		expectError(this.fixtures.send(this.alice, this.roomId, "too long", "c".repeat(65)), "BAD_USER_INPUT");
		expectError(this.fixtures.send(this.alice, this.roomId, "empty", ""), "BAD_USER_INPUT");
		assertThat(lastSeq(this.alice)).isEqualTo(1);
	}

	@Test
	void aRetryWithTheSameClientMessageIdReturnsTheStoredMessage() {
		GraphQlTester.Response first = this.fixtures.send(this.alice, this.roomId, "original", "retry-1");
		String id = first.path("sendMessage.id").entity(String.class).get();
		GraphQlTester.Response again = this.fixtures.send(this.alice, this.roomId, "different content", "retry-1");
		again.path("sendMessage.id")
			.entity(String.class)
			.isEqualTo(id)
			.path("sendMessage.seq")
			.entity(Long.class)
			.isEqualTo(1L)
			.path("sendMessage.content")
			.entity(String.class)
			.isEqualTo("original")
			.path("sendMessage.clientMessageId")
			.entity(String.class)
			.isEqualTo("retry-1");
		assertThat(lastSeq(this.alice)).isEqualTo(1);
		this.fixtures.send(this.alice, this.roomId, "next", "retry-2")
			.path("sendMessage.seq")
			.entity(Long.class)
			.isEqualTo(2L);
		assertThat(lastSeq(this.alice)).isEqualTo(2);
	}

	@Test
	void clientMessageIdsBelongToOneAuthorInOneRoom() {
		TestUser bob = this.client.register();
		this.fixtures.join(bob, this.roomId);
		String other = this.fixtures.publicRoom(this.alice);
		String id = this.fixtures.send(this.alice, this.roomId, "alice", "same")
			.path("sendMessage.id")
			.entity(String.class)
			.get();
		this.fixtures.send(bob, this.roomId, "bob", "same")
			.path("sendMessage.seq")
			.entity(Long.class)
			.isEqualTo(2L)
			.path("sendMessage.id")
			.entity(String.class)
			.isNotEqualTo(id);
		this.fixtures.send(this.alice, other, "elsewhere", "same")
			.path("sendMessage.seq")
			.entity(Long.class)
			.isEqualTo(1L);
	}

	@Test
	void aPrivateRoomsMembersSendAfterJoiningWithThePassword() {
		TestUser bob = this.client.register();
		String secret = this.fixtures.privateRoom(this.alice, "open-sesame");
		expectError(this.fixtures.send(bob, secret, "hi", null), "FORBIDDEN");
		this.fixtures.join(bob, secret, "open-sesame");
		assertThat(this.fixtures.send(bob, secret, "hi")).isEqualTo(1);
	}

	@Test
	void sendsOverWebSocketToo() {
		Map<String, Object> input = Map.of("roomId", this.roomId, "content", "over the socket");
		WebSocketGraphQlTester socket = this.client.webSocket(this.alice);
		try {
			socket.document(ChatFixtures.SEND)
				.variable("input", input)
				.execute()
				.path("sendMessage.seq")
				.entity(Long.class)
				.isEqualTo(1L)
				.path("sendMessage.author.id")
				.entity(String.class)
				.isEqualTo(this.alice.id());
		}
		finally {
			socket.stop().block(TestSupport.TIMEOUT);
		}
	}

	@Test
	void loadsTheAuthorsOfAPageInOneQuery() {
		List<TestUser> authors = List.of(this.client.register(), this.client.register(), this.client.register());
		for (TestUser author : authors) {
			this.fixtures.join(author, this.roomId);
			this.fixtures.send(author, this.roomId, "from " + author.username());
		}
		GraphQlTester.Response page;
		try (SqlLog sql = SqlLog.capture()) {
			page = this.client.as(this.alice)
				.document("query($id: ID!) { messages(roomId: $id) { edges { node { seq author { username } } } } }")
				.variable("id", this.roomId)
				.execute();
			page.path("messages.edges").entityList(Object.class).hasSize(3);
			// At most one: authors already in memory (usernames never change) need none.
			assertThat(sql.count("FROM users")).isLessThanOrEqualTo(1);
			// The room's read (its unread count) counts deleted messages: "FROM messages
			// d".
			assertThat(sql.count("FROM messages m")).isEqualTo(1);
		}
		assertThat(page.path("messages.edges[*].node.author.username").entityList(String.class).get())
			.containsExactlyElementsOf(authors.stream().map(TestUser::username).toList());
	}

	@Test
	void everyMessageOperationNeedsASignedInUser() {
		String send = "mutation { sendMessage(input: {roomId: \"" + this.roomId + "\", content: \"hi\"}) { id } }";
		String history = "query { messages(roomId: \"" + this.roomId + "\") { edges { cursor } } }";
		for (String operation : List.of(send, history)) {
			expectError(this.client.anonymous().document(operation).execute(), "UNAUTHENTICATED");
		}
		assertThat(lastSeq(this.alice)).isZero();
	}

	private long lastSeq(TestUser viewer) {
		return this.client.as(viewer)
			.document("query($id: ID!) { room(id: $id) { lastSeq } }")
			.variable("id", this.roomId)
			.execute()
			.path("room.lastSeq")
			.entity(Long.class)
			.get();
	}

}
