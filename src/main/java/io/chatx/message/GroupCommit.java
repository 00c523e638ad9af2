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
 * arrived.
 *
 * @param <T> what a send carries
 * @param <R> what a send returns
 */
final class GroupCommit<T, R> {

	private final Queue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean running = new AtomicBoolean();

	private final int maxBatch;

	// Commits a batch; returns one outcome per send, in order: an R or a Throwable.
	private final Function<List<T>, Mono<List<Object>>> commit;

	GroupCommit(int maxBatch, Function<List<T>, Mono<List<Object>>> commit) {
		this.maxBatch = maxBatch;
		this.commit = commit;
	}

	Mono<R> submit(T send) {
		return Mono.create((sink) -> {
			this.waiting.add(new Pending<>(send, sink));
			start();
		});
	}

	private void start() {
		if (!this.running.compareAndSet(false, true)) {
			return;
		}
		List<Pending<T, R>> batch = new ArrayList<>();
		Pending<T, R> next;
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
				complete(batch.get(i).sink(), outcomes.get(i));
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

	@SuppressWarnings("unchecked")
	private void complete(MonoSink<R> sink, Object outcome) {
		if (outcome instanceof Throwable ex) {
			sink.error(ex);
		}
		else {
			sink.success((R) outcome);
		}
	}

	private record Pending<T, R>(T send, MonoSink<R> sink) {
	}

}
