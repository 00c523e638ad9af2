package io.chatx.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit: the sends to one room that arrive while the room's previous batch is
 * being committed wait, and then go to the database together, as one transaction. At most
 * one batch per room is in flight on this instance, so a batch holds the room lock
 * briefly and one commit (one fsync) serves every send in it.
 *
 * @param <T> what a send carries
 * @param <R> what a send returns
 */
final class GroupCommit<T, R> {

	private final Map<UUID, RoomQueue> rooms = new ConcurrentHashMap<>();

	private final int maxBatch;

	// Commits a room's batch; returns one outcome per send, in order: an R or a
	// Throwable.
	private final BiFunction<UUID, List<T>, Mono<List<Object>>> commit;

	GroupCommit(int maxBatch, BiFunction<UUID, List<T>, Mono<List<Object>>> commit) {
		this.maxBatch = maxBatch;
		this.commit = commit;
	}

	Mono<R> submit(UUID roomId, T send) {
		return Mono.create((sink) -> {
			RoomQueue queue = this.rooms.compute(roomId, (id, existing) -> {
				RoomQueue room = (existing != null) ? existing : new RoomQueue(id);
				room.waiting.add(new Pending<>(send, sink));
				return room;
			});
			queue.start();
		});
	}

	private record Pending<T, R>(T send, MonoSink<R> sink) {
	}

	private final class RoomQueue {

		private final UUID roomId;

		private final Queue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean running = new AtomicBoolean();

		RoomQueue(UUID roomId) {
			this.roomId = roomId;
		}

		void start() {
			if (!this.running.compareAndSet(false, true)) {
				return;
			}
			List<Pending<T, R>> batch = new ArrayList<>();
			Pending<T, R> next;
			while (batch.size() < GroupCommit.this.maxBatch && (next = this.waiting.poll()) != null) {
				batch.add(next);
			}
			if (batch.isEmpty()) {
				this.running.set(false);
				// Forget an idle room, unless a send arrived meanwhile.
				GroupCommit.this.rooms.computeIfPresent(this.roomId,
						(id, room) -> (room == this && this.waiting.isEmpty() && !this.running.get()) ? null : room);
				if (!this.waiting.isEmpty()) {
					start();
				}
				return;
			}
			List<T> sends = batch.stream().map(Pending::send).toList();
			Mono.defer(() -> GroupCommit.this.commit.apply(this.roomId, sends)).subscribe((outcomes) -> {
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

	}

}
