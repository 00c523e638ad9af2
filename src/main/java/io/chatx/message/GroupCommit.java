package io.chatx.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit: the sends that arrive while the previous batch is being committed wait,
 * and then go to the database together, as one transaction, whatever their rooms. One
 * batch is in flight on this instance at a time, so one commit (one fsync) and a few
 * statements serve every send in it, and a room's sends are stored in the order they
 * arrived. Each send gets its own outcome; only a failure of the whole commit fails every
 * send of its batch.
 *
 * @param <T> what a send carries
 * @param <O> what becomes of a send
 */
final class GroupCommit<T, O> {

	private final Queue<Pending<T, O>> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean running = new AtomicBoolean();

	private final int maxBatch;

	// Commits a batch; returns one outcome per send, in order.
	private final Function<List<T>, Mono<List<O>>> commit;

	GroupCommit(int maxBatch, Function<List<T>, Mono<List<O>>> commit) {
		this.maxBatch = maxBatch;
		this.commit = commit;
	}

	Mono<O> submit(T send) {
		return Mono.create((sink) -> {
			this.waiting.add(new Pending<>(send, sink));
			start();
		});
	}

	private void start() {
		if (!this.running.compareAndSet(false, true)) {
			return;
		}
		List<Pending<T, O>> batch = new ArrayList<>();
		Pending<T, O> next;
		while (batch.size() < this.maxBatch && (next = this.waiting.poll()) != null) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			this.running.set(false);
			// A send may have arrived after the poll and before the flag was cleared.
			if (!this.waiting.isEmpty()) {
				start();
			}
			return;
		}
		List<T> sends = batch.stream().map(Pending::send).toList();
		Mono.defer(() -> this.commit.apply(sends)).subscribe((outcomes) -> {
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).sink().success(outcomes.get(i));
			}
		}, (ex) -> {
			batch.forEach((pending) -> pending.sink().error(ex));
			next();
		}, this::next);
	}

	private void next() {
		this.running.set(false);
		start();
	}

	private record Pending<T, O>(T send, MonoSink<O> sink) {
	}

}
