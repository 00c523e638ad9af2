package io.chatx.message;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.chatx.graphql.Ids;
import io.chatx.message.MessageRepository.NewMessage;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry lookup of a batch of sends: finds exactly the stored (author,
 * clientMessageId) pairs, and probes the unique index once per pair however the planner
 * sees the table.
 */
@IntegrationTest
class MessageRepositoryIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	MessageRepository messages;

	@Autowired
	DatabaseClient db;

	@Autowired
	TransactionalOperator tx;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	TestUser author;

	UUID roomId;

	@BeforeEach
	void setUp() {
		this.author = this.client.register();
		this.roomId = Ids.parse(this.fixtures.publicRoom(this.author)).orElseThrow();
	}

	@Test
	void findsTheMessagesStoredUnderTheGivenClientIds() {
		UUID authorId = UUID.fromString(this.author.id());
		this.messages
			.appendAll(this.roomId, List.of(new NewMessage(authorId, "one", "c1"),
					new NewMessage(authorId, "two", "c2"), new NewMessage(authorId, "three", null)))
			.block(TIMEOUT);

		List<Message> found = this.messages
			.findByClientIds(this.roomId, List.of(authorId, authorId, UUID.randomUUID()), List.of("c2", "c9", "c1"))
			.collectList()
			.block(TIMEOUT);

		assertThat(found).extracting(Message::content).containsExactly("two");
	}

	@Test
	void probesTheUniqueIndexPerPairEvenInAGenericPlan() {
		List<String> plan = this.tx
			.transactional(this.db.sql("SET LOCAL plan_cache_mode = force_generic_plan")
				.then()
				.thenMany(this.db.sql("EXPLAIN " + MessageRepository.FIND_BY_CLIENT_IDS)
					.bind("room", this.roomId)
					.bind("authors", new UUID[] { UUID.randomUUID() })
					.bind("clientIds", new String[] { "c1" })
					.map((row) -> row.get(0, String.class))
					.all()))
			.collectList()
			.block(TIMEOUT);

		assertThat(String.join("\n", plan)).contains("Nested Loop")
			.containsPattern("Index Cond: .*author_id = k\\.author.*client_message_id = k\\.client_id")
			.doesNotContain("Hash");
	}

}
