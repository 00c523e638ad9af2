package io.chatx.message;

import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room's history over real HTTP: paging backwards and forwards, page info, cursors and
 * who may read.
 */
@IntegrationTest
class MessageHistoryIntegrationTests {

	private static final String MESSAGES = """
			query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
			  messages(roomId: $id, first: $first, after: $after, last: $last, before: $before) {
			    edges { cursor node { id roomId seq content author { id } } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			  }
			}""";

	@Autowired
	DatabaseClient db;

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
	void pagesBackwardsFromTheNewestInAscendingOrder() {
		for (int i = 1; i <= 7; i++) {
			this.fixtures.send(this.alice, this.roomId, "message " + i);
		}
		GraphQlTester.Response newest = page(null, null, 3, null);
		assertThat(seqs(newest)).containsExactly(5L, 6L, 7L);
		assertPageInfo(newest, false, true);
		newest.path("messages.edges[2].node.content").entity(String.class).isEqualTo("message 7");
		GraphQlTester.Response older = page(null, null, 3, startCursor(newest));
		assertThat(seqs(older)).containsExactly(2L, 3L, 4L);
		assertPageInfo(older, true, true);
		GraphQlTester.Response oldest = page(null, null, 3, startCursor(older));
		assertThat(seqs(oldest)).containsExactly(1L);
		assertPageInfo(oldest, true, false);
		GraphQlTester.Response beyond = page(null, null, 3, startCursor(oldest));
		assertThat(seqs(beyond)).isEmpty();
		assertPageInfo(beyond, true, false);
		beyond.path("messages.pageInfo.startCursor").valueIsNull().path("messages.pageInfo.endCursor").valueIsNull();
	}

	@Test
	void pagesForwardsFromTheOldest() {
		ChatFixtures.insertMessages(this.db, this.roomId, this.alice.id(), 10);
		GraphQlTester.Response first = page(4, null, null, null);
		assertThat(seqs(first)).containsExactly(1L, 2L, 3L, 4L);
		assertPageInfo(first, true, false);
		GraphQlTester.Response second = page(4, endCursor(first), null, null);
		assertThat(seqs(second)).containsExactly(5L, 6L, 7L, 8L);
		assertPageInfo(second, true, true);
		GraphQlTester.Response last = page(4, endCursor(second), null, null);
		assertThat(seqs(last)).containsExactly(9L, 10L);
		assertPageInfo(last, false, true);
		GraphQlTester.Response beyond = page(4, endCursor(last), null, null);
		assertThat(seqs(beyond)).isEmpty();
		assertPageInfo(beyond, false, true);
		// A message sent later shows up after the last cursor.
		this.fixtures.send(this.alice, this.roomId, "late");
		assertThat(seqs(page(4, endCursor(last), null, null))).containsExactly(11L);
	}

	@Test
	void withoutACountAPageHolds20() {
		ChatFixtures.insertMessages(this.db, this.roomId, this.alice.id(), 45);
		GraphQlTester.Response newest = page(null, null, null, null);
		assertThat(seqs(newest)).containsExactlyElementsOf(range(26, 45));
		assertPageInfo(newest, false, true);
		String cursorOf30 = MessageCursor.encode(UUID.fromString(this.roomId), 30, 30);
		assertThat(seqs(page(null, cursorOf30, null, null))).containsExactlyElementsOf(range(31, 45));
		assertThat(seqs(page(null, null, null, cursorOf30))).containsExactlyElementsOf(range(10, 29));
		String cursorOf3 = MessageCursor.encode(UUID.fromString(this.roomId), 3, 3);
		assertThat(seqs(page(null, cursorOf3, null, cursorOf30))).containsExactlyElementsOf(range(10, 29));
		assertThat(seqs(page(5, cursorOf3, null, cursorOf30))).containsExactly(4L, 5L, 6L, 7L, 8L);
		assertThat(seqs(page(100, null, null, null))).hasSize(45);
	}

	@Test
	void edgeCursorsAreMessageCursorsThatResumeRightAfterTheirMessage() {
		ChatFixtures.insertMessages(this.db, this.roomId, this.alice.id(), 5);
		GraphQlTester.Response all = page(5, null, null, null);
		UUID room = UUID.fromString(this.roomId);
		for (int i = 0; i < 5; i++) {
			String cursor = all.path("messages.edges[" + i + "].cursor").entity(String.class).get();
			assertThat(MessageCursor.decode(cursor, room)).isEqualTo(i + 1);
			// The page was read when the room had 5 changes.
			assertThat(cursor).isEqualTo(MessageCursor.encode(room, i + 1, 5));
		}
		all.path("messages.pageInfo.startCursor")
			.entity(String.class)
			.isEqualTo(MessageCursor.encode(room, 1, 5))
			.path("messages.pageInfo.endCursor")
			.entity(String.class)
			.isEqualTo(MessageCursor.encode(room, 5, 5));
		// Seq 0 is the position before the first message.
		assertThat(seqs(page(2, MessageCursor.encode(room, 0, 0), null, null))).containsExactly(1L, 2L);
	}

	@Test
	void anEmptyRoomHasAnEmptyHistory() {
		for (GraphQlTester.Response empty : List.of(page(null, null, null, null), page(10, null, null, null),
				page(null, null, 10, null), page(0, null, null, null))) {
			assertThat(seqs(empty)).isEmpty();
			assertPageInfo(empty, false, false);
			empty.path("messages.pageInfo.startCursor").valueIsNull();
		}
	}

	@Test
	void aPageOfZeroSaysWhatLiesOnEitherSide() {
		ChatFixtures.insertMessages(this.db, this.roomId, this.alice.id(), 3);
		assertPageInfo(page(0, null, null, null), true, false);
		assertPageInfo(page(null, null, 0, null), false, true);
		String cursorOf2 = MessageCursor.encode(UUID.fromString(this.roomId), 2, 2);
		assertPageInfo(page(0, cursorOf2, null, null), true, true);
		assertPageInfo(page(null, null, 0, cursorOf2), true, true);
	}

	@Test
	void rejectsPageSizesOutOfRangeAndBothFirstAndLast() {
		expectError(page(101, null, null, null), "BAD_USER_INPUT");
		expectError(page(null, null, 101, null), "BAD_USER_INPUT");
		expectError(page(-1, null, null, null), "BAD_USER_INPUT");
		expectError(page(null, null, -1, null), "BAD_USER_INPUT");
		expectError(page(5, null, 5, null), "BAD_USER_INPUT");
	}

	@Test
	void rejectsCursorsThatAreForgedOrOfAnotherRoom() {
		this.fixtures.send(this.alice, this.roomId, "hello");
		String otherRoom = this.fixtures.publicRoom(this.alice);
		this.fixtures.send(this.alice, otherRoom, "elsewhere");
		String valid = MessageCursor.encode(UUID.fromString(this.roomId), 1, 1);
		List<String> forged = List.of("garbage", "", "m1", valid + "=", valid + "A",
				MessageCursor.encode(UUID.fromString(otherRoom), 1, 1), encode("m1:" + this.roomId + ":-1"),
				encode("m1:" + this.roomId + ":01"), encode("m1:" + this.roomId + ":+1"),
				encode("m1:" + this.roomId.toUpperCase() + ":1"), encode("m2:" + this.roomId + ":1"),
				encode("m1:" + this.roomId + ":1:2"), encode("m1:" + this.roomId + ":99999999999999999999"),
				encode("r1:" + this.roomId + ":1"),
				Base64.getEncoder().encodeToString(("m1:" + this.roomId + ":1").getBytes()));
		for (String cursor : forged) {
			for (GraphQlTester.Response response : List.of(page(5, cursor, null, null), page(null, null, 5, cursor))) {
				response.errors()
					.satisfy((errors) -> assertThat(errors).as(cursor)
						.singleElement()
						.satisfies((e) -> assertThat(ChatFixtures.code(e)).isEqualTo("BAD_USER_INPUT")));
			}
		}
	}

	@Test
	void aPrivateRoomsHistoryIsForMembersOnly() {
		TestUser bob = this.client.register();
		String secret = this.fixtures.privateRoom(this.alice, "open-sesame");
		this.fixtures.send(this.alice, secret, "for members");
		expectError(history(bob, secret), "FORBIDDEN");
		this.fixtures.join(bob, secret, "open-sesame");
		assertThat(seqs(history(bob, secret))).containsExactly(1L);
	}

	@Test
	void anyoneSignedInReadsAPublicRoomsHistory() {
		TestUser bob = this.client.register();
		this.fixtures.send(this.alice, this.roomId, "for everyone");
		history(bob, this.roomId).path("messages.edges[0].node.content").entity(String.class).isEqualTo("for everyone");
	}

	@Test
	void theHistoryOfAnUnknownRoomIsNotFound() {
		expectError(history(this.alice, UUID.randomUUID().toString()), "NOT_FOUND");
		expectError(history(this.alice, "nope"), "NOT_FOUND");
	}

	private GraphQlTester.Response page(Integer first, String after, Integer last, String before) {
		return this.client.as(this.alice)
			.document(MESSAGES)
			.variable("id", this.roomId)
			.variable("first", first)
			.variable("after", after)
			.variable("last", last)
			.variable("before", before)
			.execute();
	}

	private GraphQlTester.Response history(TestUser user, String roomId) {
		return this.client.as(user).document(MESSAGES).variable("id", roomId).execute();
	}

	static List<Long> seqs(GraphQlTester.Response response) {
		return response.path("messages.edges[*].node.seq").entityList(Long.class).get();
	}

	static String startCursor(GraphQlTester.Response response) {
		return response.path("messages.pageInfo.startCursor").entity(String.class).get();
	}

	private static String endCursor(GraphQlTester.Response response) {
		return response.path("messages.pageInfo.endCursor").entity(String.class).get();
	}

	static void assertPageInfo(GraphQlTester.Response response, boolean hasNext, boolean hasPrevious) {
		response.path("messages.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(hasNext)
			.path("messages.pageInfo.hasPreviousPage")
			.entity(Boolean.class)
			.isEqualTo(hasPrevious);
	}

	private static List<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
	}

}
