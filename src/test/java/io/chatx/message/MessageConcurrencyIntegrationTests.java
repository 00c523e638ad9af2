package io.chatx.message;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Senders and readers racing over real HTTP: seqs stay gapless and unique, retries store
 * one message, and paging walks a long history without gaps or repeats.
 */
@IntegrationTest
class MessageConcurrencyIntegrationTests {

	@Autowired
	DatabaseClient db;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	TestUser owner;

	String roomId;

	@BeforeEach
	void setUp() {
		this.owner = this.client.register();
		this.roomId = this.fixtures.publicRoom(this.owner);
	}

	@Test
	void twentyConcurrentSendersOfFiftyMessagesGetSeqsOneTo1000() {
		List<TestUser> senders = Flux.range(0, 20)
			.flatMap((i) -> Mono.fromCallable(this.client::register).subscribeOn(Schedulers.boundedElastic()), 8)
			.collectList()
			.block(TestSupport.TIMEOUT);
		senders.forEach((sender) -> this.fixtures.join(sender, this.roomId));

		long started = System.nanoTime();
		// Each sender posts its 50 one after another; the 20 senders run at once.
		List<List<Long>> seqsBySender = Flux.fromIterable(senders)
			.flatMap((sender) -> sendAll(sender, 50), 20)
			.collectList()
			// 1,000 sends one after another per sender: on a loaded 2-core CI
			// machine that alone has taken 20 s. The test is about order, not speed.
			.block(TestSupport.TIMEOUT.multipliedBy(3));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		List<Long> all = new ArrayList<>();
		seqsBySender.forEach(all::addAll);
		assertThat(all).hasSize(1000);
		assertThat(all.stream().sorted().toList())
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
		// One sender's messages are numbered in the order it sent them.
		seqsBySender.forEach((seqs) -> assertThat(seqs).isSorted());
		assertThat(storedSeqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
		assertThat(lastSeq()).isEqualTo(1000);
		// Seq order is commit order, so the stored send times never go backwards.
		assertThat(sentTimesInSeqOrder()).isSorted();
		System.out.println("20 senders x 50 messages took " + took.toMillis() + " ms");
	}

	@Test
	void sendersInThreeRoomsAtOnceGetEachRoomsSeqsOneTo200() {
		List<String> rooms = List.of(this.roomId, this.fixtures.publicRoom(this.owner),
				this.fixtures.publicRoom(this.owner));
		List<TestUser> senders = Flux.range(0, 15)
			.flatMap((i) -> Mono.fromCallable(this.client::register).subscribeOn(Schedulers.boundedElastic()), 8)
			.collectList()
			.block(TestSupport.TIMEOUT);
		for (int i = 0; i < senders.size(); i++) {
			this.fixtures.join(senders.get(i), rooms.get(i % 3));
		}

		// Five senders per room, 40 messages each,
		// all fifteen at once: batches mix rooms.
		List<List<Long>> seqsBySender = Flux.range(0, senders.size())
			.flatMapSequential((i) -> sendAll(senders.get(i), rooms.get(i % 3), 40), 15)
			.collectList()
			.block(TestSupport.TIMEOUT);

		List<Long> oneTo200 = LongStream.rangeClosed(1, 200).boxed().toList();
		for (int r = 0; r < 3; r++) {
			String room = rooms.get(r);
			List<Long> seqs = new ArrayList<>();
			for (int i = r; i < senders.size(); i += 3) {
				assertThat(seqsBySender.get(i)).isSorted();
				seqs.addAll(seqsBySender.get(i));
			}
			assertThat(seqs.stream().sorted().toList()).containsExactlyElementsOf(oneTo200);
			assertThat(storedSeqs(room)).containsExactlyElementsOf(oneTo200);
			assertThat(lastSeq(room)).isEqualTo(200);
			assertThat(sentTimesInSeqOrder(room)).isSorted();
		}
	}

	@Test
	void tenConcurrentRetriesWithOneClientMessageIdStoreOneMessage() {
		HttpGraphQlClient alice = this.fixtures.reactive(this.owner);
		long started = System.nanoTime();
		List<Map<String, Object>> results = Flux.range(0, 10)
			.flatMap((i) -> alice.document(ChatFixtures.SEND)
				.variable("input", Map.of("roomId", this.roomId, "content", "attempt " + i, "clientMessageId", "once"))
				.execute()
				.map(MessageConcurrencyIntegrationTests::sentMessage), 10)
			.collectList()
			.block(TestSupport.TIMEOUT);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(results).hasSize(10);
		assertThat(results).extracting((message) -> message.get("id")).containsOnly(results.get(0).get("id"));
		assertThat(results).extracting((message) -> message.get("seq")).containsOnly(1);
		assertThat(results).extracting((message) -> message.get("content")).containsOnly(results.get(0).get("content"));
		assertThat(storedSeqs()).containsExactly(1L);
		assertThat(lastSeq()).isEqualTo(1);
		System.out.println("10 concurrent retries took " + took.toMillis() + " ms");
	}

	@Test
	void pagingBackFromTheNewestSevenAtATimeWalksAThousandMessages() {
		ChatFixtures.insertMessages(this.db, this.roomId, this.owner.id(), 1000);
		String query = """
				query($id: ID!, $before: String) {
				  messages(roomId: $id, last: 7, before: $before) {
				    edges { node { seq content } }
				    pageInfo { hasPreviousPage hasNextPage startCursor }
				  }
				}""";
		List<Long> walked = new ArrayList<>();
		String before = null;
		int pages = 0;
		long started = System.nanoTime();
		boolean more = true;
		while (more) {
			GraphQlTester.Response page = this.client.as(this.owner)
				.document(query)
				.variable("id", this.roomId)
				.variable("before", before)
				.execute();
			List<Long> seqs = MessageHistoryIntegrationTests.seqs(page);
			assertThat(seqs).isSorted().hasSizeBetween(1, 7);
			page.path("messages.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(pages > 0);
			walked.addAll(0, seqs);
			more = page.path("messages.pageInfo.hasPreviousPage").entity(Boolean.class).get();
			before = MessageHistoryIntegrationTests.startCursor(page);
			pages++;
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(pages).isEqualTo(143);
		assertThat(walked).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
		System.out.println("Paging back through 1000 messages (143 pages) took " + took.toMillis() + " ms");
	}

	@Test
	void readersPagingWhileSendersPostSeeNoGapsOrRepeats() {
		ChatFixtures.insertMessages(this.db, this.roomId, this.owner.id(), 100);
		HttpGraphQlClient reader = this.fixtures.reactive(this.owner);
		// Forward paging from the start while 100 more messages arrive.
		Mono<List<Long>> readAll = readForward(reader, null, new ArrayList<>());
		Mono<List<List<Long>>> send = Flux.range(0, 4).flatMap((i) -> sendAll(this.owner, 25), 4).collectList();
		List<Long> read = Mono.zip(readAll, send).block(TestSupport.TIMEOUT).getT1();
		assertThat(read).startsWith(LongStream.rangeClosed(1, 100).boxed().toArray(Long[]::new));
		assertThat(read).containsExactlyElementsOf(LongStream.rangeClosed(1, read.size()).boxed().toList());
	}

	private Mono<List<Long>> readForward(HttpGraphQlClient reader, String after, List<Long> seen) {
		return reader
			.document(
					"""
							query($id: ID!, $after: String) {
							  messages(roomId: $id, first: 9, after: $after) { edges { node { seq } } pageInfo { hasNextPage endCursor } }
							}""")
			.variable("id", this.roomId)
			.variable("after", after)
			.execute()
			.flatMap((response) -> {
				seen.addAll(response.field("messages.edges")
					.toEntityList(Edge.class)
					.stream()
					.map((e) -> e.node().seq())
					.toList());
				boolean more = Boolean.TRUE.equals(response.field("messages.pageInfo.hasNextPage").getValue());
				String end = response.field("messages.pageInfo.endCursor").getValue();
				return (more && end != null) ? readForward(reader, end, seen) : Mono.just(seen);
			});
	}

	private Mono<List<Long>> sendAll(TestUser sender, int count) {
		return sendAll(sender, this.roomId, count);
	}

	private Mono<List<Long>> sendAll(TestUser sender, String roomId, int count) {
		HttpGraphQlClient graphQl = this.fixtures.reactive(sender);
		return Flux.range(0, count)
			.concatMap((i) -> graphQl.document(ChatFixtures.SEND)
				.variable("input", Map.of("roomId", roomId, "content", sender.username() + " #" + i))
				.execute()
				.map((response) -> ((Number) sentMessage(response).get("seq")).longValue()))
			.collectList();
	}

	private static Map<String, Object> sentMessage(ClientGraphQlResponse response) {
		assertThat(response.getErrors()).isEmpty();
		return response.field("sendMessage").getValue();
	}

	private List<Long> storedSeqs() {
		return storedSeqs(this.roomId);
	}

	private List<Long> storedSeqs(String roomId) {
		return inSeqOrder(roomId, "seq", Long.class);
	}

	private List<OffsetDateTime> sentTimesInSeqOrder() {
		return sentTimesInSeqOrder(this.roomId);
	}

	private List<OffsetDateTime> sentTimesInSeqOrder(String roomId) {
		return inSeqOrder(roomId, "sent_at", OffsetDateTime.class);
	}

	private <T> List<T> inSeqOrder(String roomId, String column, Class<T> type) {
		return this.db.sql("SELECT " + column + " FROM messages WHERE room_id = :id ORDER BY seq")
			.bind("id", UUID.fromString(roomId))
			.map((row) -> row.get(0, type))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT);
	}

	private long lastSeq() {
		return lastSeq(this.roomId);
	}

	private long lastSeq(String roomId) {
		return ChatFixtures.number(this.db, "SELECT last_seq FROM rooms WHERE id = :id", UUID.fromString(roomId));
	}

	/** A message edge, as far as these tests read it. */
	record Edge(Node node) {

	}

	/** A message, as far as these tests read it. */
	record Node(long seq) {

	}

}
