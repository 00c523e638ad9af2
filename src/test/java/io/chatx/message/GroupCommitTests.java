package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.message.MessageRepository.NewMessage;
import io.chatx.support.TestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batcher without Spring or a database: its commit function is a fake that holds each
 * batch until the test releases it, so that sends can arrive while a commit runs. The
 * send tests commit into rooms kept in memory with the same {@link BatchPlan} as
 * {@link MessageService}.
 */
class GroupCommitTests {

	private static final UUID ALICE = UUID.randomUUID();

	private static final UUID BOB = UUID.randomUUID();

	@Test
	void commitsTheSendsThatArriveDuringACommitTogetherInTheNextBatch() {
		HeldCommits<String, String> commits = new HeldCommits<>(Mono::just);
		GroupCommit<String, String> group = new GroupCommit<>(100, commits);
		CompletableFuture<String> a = group.submit("a").toFuture();
		CompletableFuture<String> b = group.submit("b").toFuture();
		CompletableFuture<String> c = group.submit("c").toFuture();
		assertThat(commits.batches).containsExactly(List.of("a"));
		commits.release();
		assertThat(a).isCompletedWithValue("a");
		assertThat(commits.batches).containsExactly(List.of("a"), List.of("b", "c"));
		assertThat(b).isNotDone();
		commits.release();
		assertThat(b).isCompletedWithValue("b");
		assertThat(c).isCompletedWithValue("c");
	}

	@Test
	void takesAtMostMaxBatchSendsIntoOneBatch() {
		HeldCommits<String, String> commits = new HeldCommits<>(Mono::just);
		GroupCommit<String, String> group = new GroupCommit<>(2, commits);
		List.of("a", "b", "c", "d").forEach((send) -> group.submit(send).subscribe());
		commits.release();
		commits.release();
		commits.release();
		assertThat(commits.batches).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
	}

	@Test
	void answersEachSendWithItsOwnOutcomeInTheOrderOfTheSends() {
		HeldCommits<String, String> commits = new HeldCommits<>(
				(batch) -> Mono.just(batch.stream().map((send) -> send + " stored").toList()));
		GroupCommit<String, String> group = new GroupCommit<>(100, commits);
		StepVerifier.create(Flux.merge(group.submit("a"), group.submit("b"), group.submit("c"), group.submit("d")))
			.then(commits::release)
			.expectNext("a stored")
			.then(commits::release)
			.expectNext("b stored", "c stored", "d stored")
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
	}

	@Test
	void numbersEachRoomsSendsInTheOrderTheyArrived() {
		MemoryRooms rooms = new MemoryRooms();
		UUID red = rooms.create(ALICE, BOB);
		UUID blue = rooms.create(ALICE, BOB);
		HeldCommits<NewMessage, SendOutcome> commits = new HeldCommits<>(rooms);
		GroupCommit<NewMessage, SendOutcome> group = new GroupCommit<>(100, commits);
		List<CompletableFuture<SentMessage>> sent = new ArrayList<>();
		for (NewMessage send : List.of(send(red, ALICE, "r1"), send(blue, BOB, "b1"), send(red, BOB, "r2"),
				send(blue, ALICE, "b2"), send(red, ALICE, "r3"))) {
			sent.add(group.submit(send).handle(SendOutcome::answer).toFuture());
		}
		commits.release();
		commits.release();
		assertThat(commits.batches).hasSize(2);
		assertThat(sent).allMatch((future) -> future.join().created());
		assertThat(
				sent.stream().map((future) -> future.join().message().content() + "#" + future.join().message().seq()))
			.containsExactly("r1#1", "b1#1", "r2#2", "b2#2", "r3#3");
	}

	@Test
	void aRefusedSendFailsOnlyItsSenderAndTakesNoSeq() {
		MemoryRooms rooms = new MemoryRooms();
		UUID room = rooms.create(ALICE);
		HeldCommits<NewMessage, SendOutcome> commits = new HeldCommits<>(rooms);
		GroupCommit<NewMessage, SendOutcome> group = new GroupCommit<>(100, commits);
		CompletableFuture<SentMessage> first = group.submit(send(room, ALICE, "first"))
			.handle(SendOutcome::answer)
			.toFuture();
		CompletableFuture<SentMessage> before = group.submit(send(room, ALICE, "before"))
			.handle(SendOutcome::answer)
			.toFuture();
		CompletableFuture<SentMessage> stranger = group.submit(send(room, BOB, "not a member"))
			.handle(SendOutcome::answer)
			.toFuture();
		CompletableFuture<SentMessage> after = group.submit(send(room, ALICE, "after"))
			.handle(SendOutcome::answer)
			.toFuture();
		commits.release();
		commits.release();
		assertThat(commits.batches).hasSize(2);
		assertThat(commits.batches.get(1)).hasSize(3);
		assertThat(first.join().message().seq()).isEqualTo(1);
		assertThat(before.join().message().seq()).isEqualTo(2);
		assertThatThrownBy(stranger::join).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(ChatxException.class,
					(ex) -> assertThat(ex.getCode()).isEqualTo(ErrorCode.FORBIDDEN));
		assertThat(after.join().message().seq()).isEqualTo(3);
	}

	@Test
	void aFailedCommitFailsTheSendsOfItsBatchAndTheNextBatchIsCommitted() {
		HeldCommits<String, String> commits = new HeldCommits<>(Mono::just);
		GroupCommit<String, String> group = new GroupCommit<>(100, commits);
		CompletableFuture<String> a = group.submit("a").toFuture();
		CompletableFuture<String> b = group.submit("b").toFuture();
		IllegalStateException failure = new IllegalStateException("connection lost");
		commits.fail(failure);
		assertThatThrownBy(a::join).isInstanceOf(CompletionException.class).cause().isSameAs(failure);
		commits.release();
		assertThat(b).isCompletedWithValue("b");
	}

	@Test
	void aRetryInALaterBatchAnswersTheStoredMessage() {
		MemoryRooms rooms = new MemoryRooms();
		UUID room = rooms.create(ALICE);
		GroupCommit<NewMessage, SendOutcome> group = new GroupCommit<>(100, rooms);
		SentMessage stored = group.submit(send(room, ALICE, "hello", "k1"))
			.handle(SendOutcome::answer)
			.block(TestSupport.TIMEOUT);
		StepVerifier.create(group.submit(send(room, ALICE, "hello again", "k1")).handle(SendOutcome::answer))
			.assertNext((retried) -> {
				assertThat(retried.created()).isFalse();
				assertThat(retried.message()).isEqualTo(stored.message());
			})
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
		assertThat(rooms.messages(room)).containsExactly(stored.message());
	}

	@Test
	void aRetryInTheSameBatchAnswersTheFirstSendsMessage() {
		MemoryRooms rooms = new MemoryRooms();
		UUID room = rooms.create(ALICE);
		HeldCommits<NewMessage, SendOutcome> commits = new HeldCommits<>(rooms);
		GroupCommit<NewMessage, SendOutcome> group = new GroupCommit<>(100, commits);
		group.submit(send(room, ALICE, "opening")).subscribe();
		CompletableFuture<SentMessage> first = group.submit(send(room, ALICE, "hello", "k1"))
			.handle(SendOutcome::answer)
			.toFuture();
		CompletableFuture<SentMessage> retry = group.submit(send(room, ALICE, "hello", "k1"))
			.handle(SendOutcome::answer)
			.toFuture();
		commits.release();
		commits.release();
		assertThat(first.join().created()).isTrue();
		assertThat(retry.join().created()).isFalse();
		assertThat(retry.join().message()).isEqualTo(first.join().message());
		assertThat(rooms.messages(room)).hasSize(2);
	}

	private static NewMessage send(UUID room, UUID author, String content) {
		return new NewMessage(room, author, content, null, null);
	}

	private static NewMessage send(UUID room, UUID author, String content, String clientMessageId) {
		return new NewMessage(room, author, content, clientMessageId, null);
	}

	/**
	 * A commit function that records each batch and answers it only when the test
	 * releases it (in the order the batches came).
	 */
	private static final class HeldCommits<T, O> implements Function<List<T>, Mono<List<O>>> {

		final List<List<T>> batches = new ArrayList<>();

		private final Function<List<T>, Mono<List<O>>> commit;

		private final Queue<Sinks.One<Void>> held = new ArrayDeque<>();

		HeldCommits(Function<List<T>, Mono<List<O>>> commit) {
			this.commit = commit;
		}

		@Override
		public Mono<List<O>> apply(List<T> batch) {
			this.batches.add(batch);
			Sinks.One<Void> gate = Sinks.one();
			this.held.add(gate);
			return gate.asMono().then(Mono.defer(() -> this.commit.apply(batch)));
		}

		void release() {
			this.held.remove().tryEmitEmpty();
		}

		void fail(Throwable failure) {
			this.held.remove().tryEmitError(failure);
		}

	}

	/**
	 * MessageService's commit over rooms kept in memory: lock (here: look up) the rooms,
	 * look up the retries, plan, append with the room's next seqs.
	 */
	private static final class MemoryRooms implements Function<List<NewMessage>, Mono<List<SendOutcome>>> {

		private final Map<UUID, Set<UUID>> members = new HashMap<>();

		private final Map<UUID, List<Message>> messages = new HashMap<>();

		UUID create(UUID... members) {
			UUID room = UUID.randomUUID();
			this.members.put(room, new HashSet<>(List.of(members)));
			this.messages.put(room, new ArrayList<>());
			return room;
		}

		List<Message> messages(UUID room) {
			return this.messages.get(room);
		}

		@Override
		public Mono<List<SendOutcome>> apply(List<NewMessage> batch) {
			Map<UUID, Set<UUID>> locked = new HashMap<>();
			batch.stream()
				.filter((send) -> this.members.containsKey(send.roomId()))
				.forEach((send) -> locked.put(send.roomId(), this.members.get(send.roomId())));
			List<Message> earlier = BatchPlan.toLookUp(batch, locked)
				.stream()
				.flatMap((send) -> this.messages.get(send.roomId())
					.stream()
					.filter((message) -> message.authorId().equals(send.authorId())
							&& send.clientMessageId().equals(message.clientMessageId())))
				.toList();
			BatchPlan plan = new BatchPlan(batch, locked, earlier);
			return Mono.just(plan.outcomes(plan.toAppend().stream().map(this::append).toList()));
		}

		private Message append(NewMessage send) {
			List<Message> room = this.messages.get(send.roomId());
			Message message = Message.posted(UUID.randomUUID(), send.roomId(), room.size() + 1, send.authorId(),
					send.content(), OffsetDateTime.now(), send.clientMessageId(), room.size() + 1, null);
			room.add(message);
			return message;
		}

	}

}
