package io.chatx.message;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.SqlLog;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No N+1: a history page with every message field (authors, replies to messages whose
 * authors are not on the page, some of them deleted, reaction groups with their users),
 * all by different users, costs the same number of SQL statements for 10 messages as for
 * 100.
 */
@IntegrationTest
class MessageHistoryQueryCountIntegrationTests {

	private static final String PAGE = """
			query($id: ID!, $n: Int) {
			  messages(roomId: $id, last: $n) {
			    edges { cursor node {
			      id seq content editedAt deleted author { id username } attachments { id }
			      replyTo { id content deleted author { username } }
			      reactions { emoji count mine users(first: 2) { username } }
			    } }
			    pageInfo { hasPreviousPage }
			  }
			}""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Test
	void aPageOfAHundredCostsAsManyStatementsAsAPageOfTen() {
		// Fresh users for each page, so that both start with no user in memory.
		List<String> ten = readPage(10);
		List<String> hundred = readPage(100);
		System.out.println("Statements for a page of 10: " + ten.size() + ", of 100: " + hundred.size() + "\n"
				+ String.join("\n", hundred));
		assertThat(hundred).hasSameSizeAs(ten);
	}

	// A room with n parents (every third deleted) and then n replies, one to each parent,
	// each with two reaction groups of two users; the parents, the replies and the
	// reactions are by 3n different users, so that any per-message read of users shows.
	// Reads the n replies as one page.
	private List<String> readPage(int n) {
		TestUser viewer = this.client.register();
		String room = this.fixtures.publicRoom(viewer);
		UUID roomId = UUID.fromString(room);
		UUID[] users = newUsers(3 * n);
		ChatFixtures.insertMessages(this.db, room, viewer.id(), 2 * n);
		this.db.sql("""
				UPDATE messages m SET author_id = (:users::uuid[])[m.seq],
				  reply_to_id = CASE WHEN m.seq > :n
				    THEN (SELECT p.id FROM messages p WHERE p.room_id = m.room_id AND p.seq = m.seq - :n) END,
				  content = CASE WHEN m.seq <= :n AND m.seq % 3 = 0 THEN '' ELSE m.content END,
				  deleted_at = CASE WHEN m.seq <= :n AND m.seq % 3 = 0 THEN now() END
				WHERE m.room_id = :room""")
			.bind("room", roomId)
			.bind("n", n)
			.bind("users", users)
			.then()
			.block(TestSupport.TIMEOUT);
		this.db.sql("""
				INSERT INTO reactions (message_id, emoji, user_id, change, group_change)
				SELECT m.id, (ARRAY['👍', '🎉'])[1 + k % 2], (:users::uuid[])[2 * :n + 1 + (m.seq + k) % :n],
				  m.posted_change + k, m.posted_change + k % 2
				FROM messages m, generate_series(0, 3) AS k WHERE m.room_id = :room AND m.seq > :n""")
			.bind("room", roomId)
			.bind("n", n)
			.bind("users", users)
			.then()
			.block(TestSupport.TIMEOUT);

		GraphQlTester.Response page;
		List<String> statements;
		try (SqlLog sql = SqlLog.capture()) {
			page = this.client.as(viewer).document(PAGE).variable("id", room).variable("n", n).execute();
			page.path("messages.edges").entityList(Object.class).hasSize(n);
			statements = sql.statements();
		}
		assertThat(strings(page, "messages.edges[*].node.replyTo.id")).hasSize(n);
		assertThat(strings(page, "messages.edges[*].node.replyTo.author.username")).hasSize(n).doesNotHaveDuplicates();
		assertThat(page.path("messages.edges[*].node.replyTo.deleted").entityList(Boolean.class).get()).contains(true,
				false);
		assertThat(strings(page, "messages.edges[*].node.author.username")).hasSize(n).doesNotHaveDuplicates();
		assertThat(page.path("messages.edges[*].node.reactions[*].count").entityList(Integer.class).get())
			.hasSize(2 * n)
			.containsOnly(2);
		assertThat(strings(page, "messages.edges[*].node.reactions[*].users[*].username")).hasSize(4 * n)
			.doesNotContainNull();
		return statements;
	}

	// Accounts straight in the database (no bcrypt): only their ids and names are read.
	private UUID[] newUsers(int count) {
		String prefix = TestSupport.unique("q");
		return this.db.sql("""
				INSERT INTO users (username, email, password_hash)
				SELECT :prefix || '-' || i, :prefix || '-' || i || '@example.com', 'not a hash'
				FROM generate_series(1, :count) AS i ORDER BY i RETURNING id""")
			.bind("prefix", prefix)
			.bind("count", count)
			.map((row) -> row.get("id", UUID.class))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT)
			.toArray(UUID[]::new);
	}

	private static List<String> strings(GraphQlTester.Response page, String path) {
		return page.path(path).entityList(String.class).get();
	}

}
