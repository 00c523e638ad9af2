package io.chatx.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chatx.message.Lifecycle.LoggedChange;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.GraphQlClient;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edits, deletions and reactions racing over real HTTP: change numbers stay gapless and
 * equal to the log, refused and empty changes take none, and identical reactions count
 * once.
 */
@IntegrationTest
@Import(RecordedChanges.class)
class MessageLifecycleConcurrencyIntegrationTests {

	private static final List<String> EMOJI = List.of("👍", "🎉", "😂");

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Autowired
	RecordedChanges events;

	Lifecycle lifecycle;

	TestUser owner;

	String roomId;

	@BeforeEach
	void setUp() {
		this.lifecycle = new Lifecycle(this.client, this.db);
		this.owner = this.client.register();
		this.roomId = this.fixtures.publicRoom(this.owner);
	}

	@Test
	void aHundredIdenticalReactionsAtOnceCountOnce() {
		String id = this.lifecycle.post(this.owner, this.roomId, "react once");
		HttpGraphQlClient owner = this.fixtures.reactive(this.owner);
		List<Object> counts = Flux.range(0, 100)
			.flatMap((i) -> owner.document(Lifecycle.ADD).variable("id", id).variable("emoji", "👍").execute(), 100)
			.map((response) -> {
				assertThat(response.getErrors()).isEmpty();
				return (Object) response.field("addReaction.reactions[0].count").getValue();
			})
			.collectList()
			.block(TestSupport.TIMEOUT);
		assertThat(counts).hasSize(100).containsOnly(1);
		assertThat(this.lifecycle.log(this.roomId)).extracting(LoggedChange::kind)
			.containsExactly("POSTED", "REACTION_ADDED");
		assertThat(ChatFixtures.number(this.db, "SELECT count(*) FROM reactions WHERE message_id = :id",
				UUID.fromString(id)))
			.isEqualTo(1);
		assertThat(this.events.ofRoom(this.roomId)).hasSize(1);
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(2);
	}

	@Test
	void twentyClientsMixingChangesKeepChangeNumbersGaplessAndEqualToTheLog() {
		List<TestUser> users = Flux.range(0, 20)
			.flatMap((i) -> Mono.fromCallable(this.client::register).subscribeOn(Schedulers.boundedElastic()), 8)
			.collectList()
			.block(TestSupport.TIMEOUT);
		List<Posted> posted = new CopyOnWriteArrayList<>();
		for (TestUser user : users) {
			this.fixtures.join(user, this.roomId);
			posted.add(new Posted(this.lifecycle.post(user, this.roomId, "first of " + user.username()), user));
		}

		// Each client makes 25 changes one after another; the 20 clients run at once.
		long started = System.nanoTime();
		List<String> outcomes = Flux.range(0, users.size())
			.flatMap((i) -> burst(users.get(i), new Random(i), posted), 20)
			.flatMapIterable((results) -> results)
			.collectList()
			.block(Duration.ofMinutes(2));
		System.out.println("20 clients x 25 changes took " + Duration.ofNanos(System.nanoTime() - started).toMillis()
				+ " ms: "
				+ outcomes.stream().collect(Collectors.groupingBy((outcome) -> outcome, Collectors.counting())));

		assertThat(outcomes).hasSize(500);
		assertThat(outcomes).contains("OK", "FORBIDDEN");
		List<LoggedChange> log = this.lifecycle.log(this.roomId);
		long last = this.lifecycle.lastChange(this.roomId);
		// Gapless, no repeats, and the room's number is the log's last.
		assertThat(log).extracting(LoggedChange::change)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
		// Posts keep their seqs 1..n, and each one's posted_change is its POSTED row.
		List<LoggedChange> posts = log.stream().filter((change) -> change.kind().equals("POSTED")).toList();
		assertThat(posts).hasSize(posted.size());
		assertThat(postedChangesInSeqOrder())
			.containsExactlyElementsOf(posts.stream().map(LoggedChange::change).toList());
		// seq_at is the number of posts up to each change.
		long seqs = 0;
		for (LoggedChange change : log) {
			seqs += change.kind().equals("POSTED") ? 1 : 0;
			assertThat(change.seqAt()).as("seq_at of change %d", change.change()).isEqualTo(seqs);
		}
		// Every other change was published once, in change order; refused ones took no
		// number, so the log holds exactly the posts and the published changes.
		List<Long> published = this.events.ofRoom(this.roomId)
			.stream()
			.map((event) -> event.change().number())
			.toList();
		assertThat(published).containsExactlyElementsOf(
				log.stream().filter((change) -> !change.kind().equals("POSTED")).map(LoggedChange::change).toList());
		assertThat((long) (log.size() - posts.size()))
			.isLessThanOrEqualTo(outcomes.stream().filter("OK"::equals).count());
		assertLogFoldsToTheStoredState(log);
	}

	// Replaying the log gives the stored reactions and deletions: no reaction added twice
	// without a removal between, nothing changed after a deletion.
	private void assertLogFoldsToTheStoredState(List<LoggedChange> log) {
		Set<String> reactions = new HashSet<>();
		Set<UUID> deleted = new HashSet<>();
		for (LoggedChange change : log) {
			assertThat(deleted).as("change %d after deletion", change.change()).doesNotContain(change.messageId());
			String key = change.messageId() + " " + change.emoji() + " " + change.userId();
			switch (change.kind()) {
				case "REACTION_ADDED" -> assertThat(reactions.add(key)).as("added twice: %s", key).isTrue();
				case "REACTION_REMOVED" -> assertThat(reactions.remove(key)).as("absent: %s", key).isTrue();
				case "DELETED" -> {
					deleted.add(change.messageId());
					reactions.removeIf((reaction) -> reaction.startsWith(change.messageId() + " "));
				}
				default -> {
				}
			}
		}
		List<String> stored = this.db.sql("""
				SELECT r.message_id, r.emoji, r.user_id FROM reactions r JOIN messages m ON m.id = r.message_id
				WHERE m.room_id = :room""")
			.bind("room", UUID.fromString(this.roomId))
			.map((row) -> row.get(0, UUID.class) + " " + row.get(1, String.class) + " " + row.get(2, UUID.class))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT);
		assertThat(stored).containsExactlyInAnyOrderElementsOf(reactions);
		List<UUID> tombstones = this.db
			.sql("SELECT id FROM messages WHERE room_id = :room AND deleted_at IS NOT NULL AND content = ''")
			.bind("room", UUID.fromString(this.roomId))
			.map((row) -> row.get(0, UUID.class))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT);
		assertThat(tombstones).containsExactlyInAnyOrderElementsOf(deleted);
	}

	// 25 changes by one client, one after another: posts, edits and deletions of its own
	// messages, reactions to anyone's, and edits of others' messages (refused).
	private Mono<List<String>> burst(TestUser user, Random random, List<Posted> posted) {
		HttpGraphQlClient graphQl = this.fixtures.reactive(user);
		return Flux.range(0, 25).concatMap((i) -> {
			int pick = random.nextInt(10);
			Posted any = posted.get(random.nextInt(posted.size()));
			Posted own = ownMessage(user, random, posted);
			String emoji = EMOJI.get(random.nextInt(EMOJI.size()));
			return switch (pick) {
				case 0, 1 -> graphQl.document(Lifecycle.SEND)
					.variable("input", Map.of("roomId", this.roomId, "content", user.username() + " #" + i))
					.execute()
					.doOnNext((response) -> {
						if (response.getErrors().isEmpty()) {
							posted.add(new Posted(response.field("sendMessage.id").getValue(), user));
						}
					})
					.map(MessageLifecycleConcurrencyIntegrationTests::outcome);
				case 2 -> call(graphQl.document(Lifecycle.EDIT)
					.variable("input", Map.of("messageId", own.id(), "content", "edited " + i)));
				case 3 -> call(graphQl.document(Lifecycle.DELETE).variable("id", own.id()));
				case 4, 5, 6 -> call(graphQl.document(Lifecycle.ADD).variable("id", any.id()).variable("emoji", emoji));
				case 7, 8 -> call(graphQl.document(Lifecycle.REMOVE).variable("id", any.id()).variable("emoji", emoji));
				default -> any.author().equals(user) ? Mono.just("SKIPPED") : call(graphQl.document(Lifecycle.EDIT)
					.variable("input", Map.of("messageId", any.id(), "content", "not mine")));
			};
		}).collectList();
	}

	private static Posted ownMessage(TestUser user, Random random, List<Posted> posted) {
		List<Posted> own = new ArrayList<>(posted.stream().filter((message) -> message.author().equals(user)).toList());
		return own.get(random.nextInt(own.size()));
	}

	private static Mono<String> call(GraphQlClient.RequestSpec request) {
		return request.execute().map(MessageLifecycleConcurrencyIntegrationTests::outcome);
	}

	// "OK", or the error's code.
	private static String outcome(ClientGraphQlResponse response) {
		if (response.getErrors().isEmpty()) {
			return "OK";
		}
		return String.valueOf(response.getErrors().get(0).getExtensions().get("code"));
	}

	private List<Long> postedChangesInSeqOrder() {
		return this.db.sql("SELECT posted_change FROM messages WHERE room_id = :id ORDER BY seq")
			.bind("id", UUID.fromString(this.roomId))
			.map((row) -> row.get(0, Long.class))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT);
	}

	private record Posted(String id, TestUser author) {
	}

}
