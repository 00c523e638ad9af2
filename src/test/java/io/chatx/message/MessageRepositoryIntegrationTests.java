package io.chatx.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.chatx.common.Ids;
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
	void storesABatchAcrossRoomsAsEachRoomsNextSeqsInBatchOrder() {
		UUID authorId = UUID.fromString(this.author.id());
		UUID otherRoom = Ids.parse(this.fixtures.publicRoom(this.author)).orElseThrow();
		List<NewMessage> batch = List.of(new NewMessage(this.roomId, authorId, "a1", null, null),
				new NewMessage(otherRoom, authorId, "b1", null, null),
				new NewMessage(this.roomId, authorId, "a2", "k", null),
				new NewMessage(otherRoom, authorId, "b2", null, null),
				new NewMessage(this.roomId, authorId, "a3", null, null));

		List<Message> stored = this.tx.transactional(this.messages.appendAll(batch)).block(TIMEOUT);

		assertThat(stored).extracting(Message::content).containsExactly("a1", "b1", "a2", "b2", "a3");
		assertThat(stored).extracting(Message::roomId)
			.containsExactly(this.roomId, otherRoom, this.roomId, otherRoom, this.roomId);
		assertThat(stored).extracting(Message::seq).containsExactly(1L, 1L, 2L, 2L, 3L);
		assertThat(stored.get(4).sentAt()).isAfterOrEqualTo(stored.get(0).sentAt());
		assertThat(lastSeq(this.roomId)).isEqualTo(3);
		assertThat(lastSeq(otherRoom)).isEqualTo(2);
	}

	@Test
	void locksTheRoomsAndSaysWhoIsAMemberOfEach() {
		UUID authorId = UUID.fromString(this.author.id());
		UUID stranger = UUID.fromString(this.client.register().id());
		UUID missing = UUID.randomUUID();

		Map<UUID, RoomAccess> rooms = this.tx
			.transactional(this.messages.lockRooms(List.of(this.roomId, missing), List.of(authorId, stranger)))
			.block(TIMEOUT);

		assertThat(rooms).containsOnlyKeys(this.roomId);
		assertThat(rooms.get(this.roomId).members()).containsExactly(authorId);
		assertThat(rooms.get(this.roomId).createdBy()).isEqualTo(authorId);
	}

	@Test
	void findsTheMessagesStoredUnderTheGivenClientIds() {
		UUID authorId = UUID.fromString(this.author.id());
		this.messages.appendAll(List.of(new NewMessage(this.roomId, authorId, "one", "c1", null),
				new NewMessage(this.roomId, authorId, "two", "c2", null),
				new NewMessage(this.roomId, authorId, "three", null, null)))
			.block(TIMEOUT);

		List<Message> found = this.messages
			.findByClientIds(List.of(new NewMessage(this.roomId, authorId, "?", "c2", null),
					new NewMessage(this.roomId, authorId, "?", "c9", null),
					new NewMessage(this.roomId, UUID.randomUUID(), "?", "c1", null),
					new NewMessage(UUID.randomUUID(), authorId, "?", "c1", null)))
			.collectList()
			.block(TIMEOUT);

		assertThat(found).extracting(Message::content).containsExactly("two");
	}

	private long lastSeq(UUID roomId) {
		return ChatFixtures.number(this.db, "SELECT last_seq FROM rooms WHERE id = :id", roomId);
	}

	@Test
	void probesTheUniqueIndexPerPairEvenInAGenericPlan() {
		List<String> plan = this.tx.transactional(this.db.sql("SET LOCAL plan_cache_mode = force_generic_plan")
			.then()
			// A room of real size, analysed: on the tiny shared test table (which
			// autovacuum may analyse at any moment) a scan of the room is rightly
			// cheapest, and the plan would depend on when statistics were taken.
			.then(this.db
				.sql("INSERT INTO messages (room_id, seq, author_id, content, client_message_id, posted_change)"
						+ " SELECT :room, g, :author, 'm', 'c' || g, g FROM generate_series(1, 20000) g")
				.bind("room", this.roomId)
				.bind("author", UUID.fromString(this.author.id()))
				.then())
			.then(this.db.sql("ANALYZE messages").then())
			.thenMany(this.db.sql("EXPLAIN " + MessageRepository.FIND_BY_CLIENT_IDS)
				.bind("rooms", new UUID[] { this.roomId })
				.bind("authors", new UUID[] { UUID.randomUUID() })
				.bind("clientIds", new String[] { "c1" })
				.map((row) -> row.get(0, String.class))
				.all()))
			.collectList()
			.block(TIMEOUT);

		assertThat(String.join("\n", plan)).contains("Nested Loop")
			.containsPattern(
					"Index Cond: .*room_id = k\\.room.*author_id = k\\.author.*client_message_id = k\\.client_id")
			.doesNotContain("Hash");
	}

}
