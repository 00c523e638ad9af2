package io.chatx.graphql;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chatx.graphql.DocumentCacheConfiguration.DocumentCache;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;
import io.chatx.support.TightServerLimits;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small requests that ask for huge answers or many lookups are refused with
 * BAD_USER_INPUT, while the operations a real client sends (the sample web client's)
 * pass. The response cap is 64 KB in this context.
 */
@IntegrationTest
@TightServerLimits
class AmplificationIntegrationTests {

	private static final String MESSAGE_FIELDS = "id roomId seq content sentAt clientMessageId author { id username }";

	private static final String ROOM_SUMMARY_FIELDS = "id name private createdAt memberCount joined createdBy { id username }";

	@Autowired
	ChatxClient client;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	DatabaseClient db;

	@Autowired
	DocumentCache documentCache;

	@Test
	void manyAliasedPagesAreRefusedByComplexity() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		String aliases = IntStream.range(0, 15)
			.mapToObj(
					(i) -> "m" + i + ": messages(roomId: $r, last: 100) { edges { node { " + MESSAGE_FIELDS + " } } }")
			.collect(Collectors.joining(" "));
		expectRefused(this.client.as(user).document("query($r: ID!) { " + aliases + " }").variable("r", room).execute(),
				"complexity");
	}

	@Test
	void aPageSizeInAVariableIsCheckedWithEachRequest() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		String aliases = IntStream.range(0, 15)
			.mapToObj((i) -> "m" + i + ": messages(roomId: $r, last: $n) { edges { node { " + MESSAGE_FIELDS + " } } }")
			.collect(Collectors.joining(" "));
		String query = "query($r: ID!, $n: Int) { " + aliases + " }";
		this.client.as(user).document(query).variable("r", room).variable("n", 1).execute().errors().verify();
		expectRefused(this.client.as(user).document(query).variable("r", room).variable("n", 100).execute(),
				"complexity");
	}

	@Test
	void manyAliasedLookupsAreRefused() {
		TestUser user = this.client.register();
		String aliases = IntStream.range(0, 499)
			.mapToObj((i) -> "m" + i + ": me { id }")
			.collect(Collectors.joining(" "));
		expectRefused(this.client.as(user).document("{ " + aliases + " }").execute(), "top-level");
	}

	@Test
	void aResultLargerThanTheCapIsRefusedWhole() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		insertLongMessages(room, user.id(), 100, 2_000);
		String query = "query($r: ID!, $n: Int) { messages(roomId: $r, last: $n) { edges { node { content } } } }";
		GraphQlTester.Response refused = this.client.as(user)
			.document(query)
			.variable("r", room)
			.variable("n", 100)
			.execute();
		expectRefused(refused, "larger than");
		refused.path("messages").pathDoesNotExist();
		// A smaller page of the same messages is answered.
		this.client.as(user)
			.document(query)
			.variable("r", room)
			.variable("n", 10)
			.execute()
			.path("messages.edges")
			.entityList(Object.class)
			.hasSize(10);
	}

	@Test
	void theSampleClientsOperationsPass() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		this.fixtures.send(user, room, "hello");
		this.client.as(user).document("query Me { me { id username } }").execute().errors().verify();
		this.client.as(user)
			.document(
					"query Rooms($first: Int, $after: String, $search: String) { rooms(first: $first, after: $after, search: $search) { edges { cursor node { "
							+ ROOM_SUMMARY_FIELDS
							+ " } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }")
			.variable("first", 20)
			.execute()
			.errors()
			.verify();
		this.client.as(user)
			.document("query Room($id: ID!) { room(id: $id) { " + ROOM_SUMMARY_FIELDS
					+ " onlineCount lastSeq online { id username } } }")
			.variable("id", room)
			.execute()
			.errors()
			.verify();
		for (int last : new int[] { 40, 100 }) {
			this.client.as(user)
				.document(
						"query Messages($roomId: ID!, $last: Int, $before: String) { messages(roomId: $roomId, last: $last, before: $before) { edges { cursor node { "
								+ MESSAGE_FIELDS
								+ " } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }")
				.variable("roomId", room)
				.variable("last", last)
				.execute()
				.path("messages.edges")
				.entityList(Object.class)
				.hasSize(1);
		}
	}

	@Test
	void manyDistinctBigDocumentsLeaveTheCacheWithinItsBound() {
		TestUser user = this.client.register();
		for (int i = 0; i < 30; i++) {
			// 100 KB each: answered, never kept.
			String big = "{ me { id } } # " + i + " " + "x".repeat(100_000);
			this.client.as(user).document(big).execute().errors().verify();
			assertThat(this.documentCache.contains(big)).isFalse();
		}
		for (int i = 0; i < 150; i++) {
			// 8,000 characters each, 1.2 million in all: more than the cache keeps.
			String small = "{ me { id } } # " + i + " " + "x".repeat(7_980);
			this.client.as(user).document(small).execute().errors().verify();
		}
		String invalid = "{ me { nope } }";
		this.client.as(user).document(invalid).execute().errors().expect((e) -> true).verify();
		assertThat(this.documentCache.contains(invalid)).isFalse();
		assertThat(this.documentCache.weight()).isPositive().isLessThanOrEqualTo(DocumentCache.MAX_TOTAL_CHARS);
	}

	private void insertLongMessages(String roomId, String authorId, int count, int length) {
		this.db.sql("""
				WITH room AS (UPDATE rooms SET last_seq = last_seq + :count, last_change = last_change + :count
				  WHERE id = :room RETURNING last_seq - :count AS base, last_change - :count AS base_change)
				INSERT INTO messages (room_id, seq, author_id, content, posted_change)
				SELECT :room, room.base + n, :author, repeat('x', :length), room.base_change + n
				FROM room, generate_series(1, :count) AS n""")
			.bind("room", UUID.fromString(roomId))
			.bind("author", UUID.fromString(authorId))
			.bind("count", count)
			.bind("length", length)
			.then()
			.block(TestSupport.TIMEOUT);
	}

	private static void expectRefused(GraphQlTester.Response response, String reason) {
		response.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
					&& e.getMessage().toLowerCase().contains(reason))
			.verify();
	}

}
