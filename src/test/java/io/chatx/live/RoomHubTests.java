package io.chatx.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
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

import io.chatx.support.TestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's ordering rules, isolated from the database by an in-memory log.
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
		StepVerifier.create(this.hub.subscribe(this.room, 2L).take(5)).then(() -> {
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
			StepVerifier.create(this.hub.subscribe(room, (i % 3 == 0) ? 0L : null))
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

	private void commit(long... seqs) {
		for (long seq : seqs) {
			this.log.append(seq);
			this.hub.publish(this.room, msg(seq));
		}
	}

	static Msg msg(long seq) {
		return new Msg(seq);
	}

	record Msg(long seq) implements SequencedEvent {
	}

	/** The database stand-in: answers asynchronously, as R2DBC does. */
	static final class MemoryLog implements RoomLog {

		private final ConcurrentSkipListMap<Long, Msg> messages = new ConcurrentSkipListMap<>();

		void append(long... seqs) {
			for (long seq : seqs) {
				this.messages.put(seq, new Msg(seq));
			}
		}

		private Duration startDelay = Duration.ZERO;

		@Override
		public Mono<Long> lastSeq(UUID roomId) {
			Mono<Long> last = Mono.fromCallable(() -> this.messages.isEmpty() ? 0L : this.messages.lastKey());
			return this.startDelay.isZero() ? last : Mono.delay(this.startDelay).then(last);
		}

		@Override
		public Flux<SequencedEvent> between(UUID roomId, long afterSeq, long beforeSeq) {
			return Flux
				.defer(() -> Flux
					.fromIterable(List.copyOf(this.messages.subMap(afterSeq, false, beforeSeq, false).values())))
				.cast(SequencedEvent.class)
				.subscribeOn(Schedulers.parallel());
		}

	}

}
