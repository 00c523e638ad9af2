package io.chatx.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import io.chatx.message.MessageCursor.Position;
import io.chatx.support.TestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's ordering rules by change number, isolated from the database by an in-memory
 * log.
 */
class RoomHubTests {

	private final UUID room = UUID.randomUUID();

	private final MemoryLog log = new MemoryLog();

	private final RoomHub hub = new RoomHub(this.log, new LiveProperties(100), new SimpleMeterRegistry());

	@Test
	void deliversInOrderAndDropsDuplicates() {
		StepVerifier.create(this.hub.subscribe(this.room, null).take(3))
			.then(() -> commit(1, 1, 2, 1, 2, 3))
			.expectNext(msg(1), msg(2), msg(3))
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
	}

	@Test
	void ordersEveryKindOfChangeByItsNumberAndDropsDuplicates() {
		StepVerifier.create(this.hub.subscribe(this.room, null).take(4)).then(() -> {
			this.log.append(msg(1));
			this.log.append(edit(2));
			this.log.append(reaction(3));
			this.log.append(edit(4));
			this.hub.publish(this.room, msg(1));
			this.hub.publish(this.room, edit(2));
			this.hub.publish(this.room, msg(1));
			this.hub.publish(this.room, edit(2));
			this.hub.publish(this.room, reaction(3));
			this.hub.publish(this.room, edit(4));
			this.hub.publish(this.room, reaction(3));
		}).expectNext(msg(1), edit(2), reaction(3), edit(4)).expectComplete().verify(TestSupport.TIMEOUT);
	}

	@Test
	void repairsALostEditOrReactionFromTheLog() {
		StepVerifier.create(this.hub.subscribe(this.room, null).take(5)).then(() -> {
			commit(msg(1));
			this.log.append(edit(2));
			this.log.append(reaction(3));
			this.hub.publish(this.room, "typing");
			commit(msg(4));
		}).expectNext(msg(1), "typing", edit(2), reaction(3), msg(4)).expectComplete().verify(TestSupport.TIMEOUT);
	}

	@Test
	void findsALostLastReactionWhenTheLogIsChecked() {
		StepVerifier.create(this.hub.subscribe(this.room, null).take(2)).then(() -> {
			commit(msg(1));
			this.log.append(reaction(2));
			this.hub.checkTail(this.room, 2);
		}).expectNext(msg(1), reaction(2)).expectComplete().verify(TestSupport.TIMEOUT);
	}

	@Test
	void replaysUpToTheChangeNumberReadAndTakesWhatFollowsLive() {
		this.log.append(msg(1));
		this.log.append(msg(2));
		this.log.append(edit(3));
		// The first read starts the channel. Right after the second (the replay's bound,
		// 3), 3 arrives live late and 4 is committed: the replay stops at 3, the live 3
		// is dropped and the live 4 is not.
		this.log.onLastChange.add(() -> {
		});
		this.log.onLastChange.add(() -> {
			this.hub.publish(this.room, edit(3));
			commit(reaction(4));
		});
		StepVerifier.create(this.hub.subscribe(this.room, cursorAt(1)).take(3))
			.expectNext(msg(2), edit(3), reaction(4))
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
	}

	@Test
	void fillsAGapFromTheLogBeforeDeliveringWhatFollows() {
		StepVerifier.create(this.hub.subscribe(this.room, null).take(4)).then(() -> {
			this.log.append(1, 2, 3);
			this.hub.publish(this.room, msg(3));
			this.hub.publish(this.room, "joined");
			commit(4);
		}).expectNext(msg(1), msg(2), msg(3), "joined").expectComplete().verify(TestSupport.TIMEOUT);
	}

	@Test
	void startsAfterTheNewestMessageWithoutCursor() {
		this.log.append(1, 2, 3);
		StepVerifier.create(this.hub.subscribe(this.room, null).take(1))
			.then(() -> commit(4))
			.expectNext(msg(4))
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
	}

	@Test
	void deliversWhatIsPublishedWhileTheChannelStarts() {
		this.log.startDelay = Duration.ofMillis(200);
		this.log.append(1);
		StepVerifier.create(this.hub.subscribe(this.room, null).take(2))
			.then(() -> commit(2, 3))
			.expectNext(msg(2), msg(3))
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
	}

	@Test
	void replaysAfterTheCursorThenGoesLiveWithoutSeam() {
		this.log.append(1, 2, 3, 4, 5);
		StepVerifier.create(this.hub.subscribe(this.room, cursorAt(2)).take(5)).then(() -> {
			this.hub.publish(this.room, msg(4));
			this.hub.publish(this.room, msg(5));
			commit(6, 7);
		}).expectNext(msg(3), msg(4), msg(5), msg(6), msg(7)).expectComplete().verify(TestSupport.TIMEOUT);
	}

	@Test
	void findsALostTailWhenTheLogIsChecked() {
		StepVerifier.create(this.hub.subscribe(this.room, null).take(2)).then(() -> {
			this.log.append(1, 2);
			this.hub.checkTail(this.room, 2);
		}).expectNext(msg(1), msg(2)).expectComplete().verify(TestSupport.TIMEOUT);
	}

	@Test
	void cutsASlowSubscriberWhileAFastOneGetsEverything() {
		// A reader that takes nothing is ended at once when it falls 100 behind, dropping
		// its queue rather than holding it for a reader that may never come.
		StepVerifier.create(this.hub.subscribe(this.room, null), 0)
			.then(() -> LongStream.rangeClosed(1, 150).forEach(this::commit))
			.expectError(SlowConsumerException.class)
			.verify(TestSupport.TIMEOUT);
		assertThat(this.hub.subscriberCount()).isZero();

		StepVerifier.create(this.hub.subscribe(this.room, null).take(150))
			.then(() -> LongStream.rangeClosed(151, 300).forEach(this::commit))
			.expectNextCount(150)
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
	}

	@Test
	void finalEventCompletesEverySubscription() {
		Flux<Object> first = this.hub.subscribe(this.room, null);
		Flux<Object> second = this.hub.subscribe(this.room, null);
		StepVerifier.create(Flux.merge(first, second))
			.then(() -> this.hub.publishFinal(this.room, "deleted"))
			.expectNext("deleted", "deleted")
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
		assertThat(this.hub.roomCount()).isZero();
	}

	@Test
	void forgetsARoomWhenItsLastSubscriberLeaves() {
		for (int i = 0; i < 1000; i++) {
			UUID room = (i % 2 == 0) ? this.room : UUID.randomUUID();
			StepVerifier.create(this.hub.subscribe(room, (i % 3 == 0) ? cursorAt(0) : null))
				.thenCancel()
				.verify(TestSupport.TIMEOUT);
		}
		assertThat(this.hub.roomCount()).isZero();
		assertThat(this.hub.subscriberCount()).isZero();
	}

	@Test
	void concurrentOutOfOrderPublishersStillGiveEveryMessageOnceInOrder() throws Exception {
		int count = 2000;
		List<Object> expected = LongStream.rangeClosed(1, count)
			.mapToObj(RoomHubTests::msg)
			.map(Object.class::cast)
			.toList();
		List<Long> order = new ArrayList<>();
		for (long seq = 1; seq <= count; seq++) {
			order.add(seq);
			order.add(seq);
		}
		Collections.shuffle(order);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		StepVerifier.create(this.hub.subscribe(this.room, null).take(count).collectList()).then(() -> {
			this.log.append(LongStream.rangeClosed(1, count).toArray());
			for (int t = 0; t < 4; t++) {
				List<Long> part = order.subList(t * order.size() / 4, (t + 1) * order.size() / 4);
				pool.submit(() -> {
					start.await();
					part.forEach((seq) -> this.hub.publish(this.room, msg(seq)));
					return null;
				});
			}
			start.countDown();
		})
			.assertNext((received) -> assertThat(received).containsExactlyElementsOf(expected))
			.expectComplete()
			.verify(TestSupport.TIMEOUT);
		pool.shutdownNow();
	}

	private void commit(long... changes) {
		for (long change : changes) {
			commit(msg(change));
		}
	}

	private void commit(Change... changes) {
		for (Change change : changes) {
			this.log.append(change);
			this.hub.publish(this.room, change);
		}
	}

	static Change msg(long change) {
		return new Change(change, "posted");
	}

	static Change edit(long change) {
		return new Change(change, "edited");
	}

	static Change reaction(long change) {
		return new Change(change, "reaction");
	}

	static Position cursorAt(long change) {
		return new Position(change, change);
	}

	/** A change of the room: a post, an edit, a reaction ... */
	record Change(long change, String kind) implements ChangeEvent {

		@Override
		public String cursor() {
			return this.kind + "-" + this.change;
		}

	}

	/**
	 * The database stand-in: answers asynchronously, as R2DBC does. Its replay is that of
	 * a client that followed the stream: every change after the cursor's.
	 */
	static final class MemoryLog implements RoomLog {

		private final ConcurrentSkipListMap<Long, Change> changes = new ConcurrentSkipListMap<>();

		private Duration startDelay = Duration.ZERO;

		// Run in turn, one each time the room's change number has been read.
		private final Queue<Runnable> onLastChange = new ConcurrentLinkedQueue<>();

		void append(long... changes) {
			for (long change : changes) {
				append(msg(change));
			}
		}

		void append(Change change) {
			this.changes.put(change.change(), change);
		}

		@Override
		public Mono<Long> lastChange(UUID roomId) {
			Mono<Long> last = Mono.fromCallable(() -> this.changes.isEmpty() ? 0L : this.changes.lastKey())
				.doOnNext((change) -> {
					Runnable hook = this.onLastChange.poll();
					if (hook != null) {
						hook.run();
					}
				});
			return this.startDelay.isZero() ? last : Mono.delay(this.startDelay).then(last);
		}

		@Override
		public Flux<ChangeEvent> between(UUID roomId, long afterChange, long beforeChange) {
			return read(afterChange, beforeChange);
		}

		@Override
		public Flux<ChangeEvent> replay(UUID roomId, Position after, long upTo) {
			return read(after.change(), upTo + 1);
		}

		private Flux<ChangeEvent> read(long after, long before) {
			return Flux
				.defer(() -> Flux.fromIterable(List.copyOf(this.changes.subMap(after, false, before, false).values())))
				.cast(ChangeEvent.class)
				.subscribeOn(Schedulers.parallel());
		}

	}

}
