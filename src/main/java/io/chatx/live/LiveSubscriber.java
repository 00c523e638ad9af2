package io.chatx.live;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One live subscription's queue: bounded by a count (memory is only taken while events
 * wait), and cut with an error when its reader falls {@code limit} events behind, so that
 * one slow client never holds up a room or grows the server's memory. A subscription that
 * only a member may hold (a private room's) is cut with {@code FORBIDDEN} when that
 * member's {@link MemberLeft} comes, wherever the leave happened. A
 * {@link MembersOnlyEvent} goes only to a subscriber whose viewer is a member at that
 * point of the room's stream: known at the start, then followed through the viewer's
 * {@link MemberJoined} and {@link MemberLeft} in the stream itself.
 * <p>
 * All {@code offer}/{@code complete}/{@code fail} calls come from one thread at a time
 * (the owning channel's drain loop, or a {@code myEvents} subscription's).
 */
public final class LiveSubscriber {

	private final Sinks.Many<Object> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.unbounded(16).get());

	// Fails the subscription at once, ahead of whatever waits
	// in the queue: a cut subscriber lets go of its queue, its
	// room and its presence without waiting for its reader.
	private final Sinks.Empty<Object> cut = Sinks.empty();

	private final AtomicInteger pending = new AtomicInteger();

	private final int limit;

	private final @Nullable UUID member;

	private final @Nullable UUID viewer;

	// Written and read by the owning channel's drain loop.
	private volatile boolean viewerIsMember;

	private volatile boolean closed;

	/**
	 * @param limit how many undelivered events may wait
	 */
	public LiveSubscriber(int limit) {
		this(limit, null);
	}

	/**
	 * @param limit how many undelivered events may wait
	 * @param member the user whose leaving the room ends this subscription, or
	 * {@code null} when leaving does not end it
	 */
	LiveSubscriber(int limit, @Nullable UUID member) {
		this(limit, member, null, false);
	}

	/**
	 * @param limit how many undelivered events may wait
	 * @param member the user whose leaving the room ends this subscription, or
	 * {@code null} when leaving does not end it
	 * @param viewer who reads this subscription ({@code null}: nobody in particular, who
	 * gets no {@link MembersOnlyEvent})
	 * @param viewerIsMember whether the viewer is a member of the room at the start
	 */
	LiveSubscriber(int limit, @Nullable UUID member, @Nullable UUID viewer, boolean viewerIsMember) {
		this.limit = limit;
		this.member = member;
		this.viewer = viewer;
		this.viewerIsMember = viewer != null && viewerIsMember;
	}

	// takeUntilOther rather than merge: lighter for a subscription that idles for hours.
	public Flux<Object> flux() {
		return this.sink.asFlux().takeUntilOther(this.cut.asMono()).doOnNext((event) -> this.pending.decrementAndGet());
	}

	/** Queue an event; false when the subscriber is closed or has just been cut. */
	public boolean offer(Object event) {
		if (this.closed) {
			return false;
		}
		if (event instanceof MemberJoined joined && joined.user().id().equals(this.viewer)) {
			this.viewerIsMember = true;
		}
		if (event instanceof MemberLeft left && membershipEnded(left.user().id())) {
			return false;
		}
		if (event instanceof MembersOnlyEvent && !this.viewerIsMember) {
			return true;
		}
		if (this.pending.incrementAndGet() > this.limit) {
			fail(new SlowConsumerException(this.limit));
			return false;
		}
		if (this.sink.tryEmitNext(event).isFailure()) {
			this.closed = true;
			return false;
		}
		return true;
	}

	/**
	 * {@code userId} is no longer a member of the room: if this is a subscription only a
	 * member may hold, and theirs, cut it with {@code FORBIDDEN}.
	 * @return whether it was cut
	 */
	boolean membershipEnded(UUID userId) {
		if (userId.equals(this.viewer)) {
			this.viewerIsMember = false;
		}
		if (!userId.equals(this.member)) {
			return false;
		}
		fail(new MembershipEndedException());
		return true;
	}

	/** The user whose leaving ends this subscription, if any. */
	@Nullable UUID member() {
		return this.member;
	}

	/** End after the events already queued. */
	public void complete() {
		if (!this.closed) {
			this.closed = true;
			this.sink.tryEmitComplete();
		}
	}

	/** End now, dropping the events still queued. */
	public void fail(Throwable error) {
		if (!this.closed) {
			this.closed = true;
			this.cut.tryEmitError(error);
		}
	}

	/**
	 * Offer {@code event} to each of {@code subscribers}, forgetting those that are done.
	 */
	static void offerAll(Set<LiveSubscriber> subscribers, Object event) {
		for (LiveSubscriber subscriber : subscribers) {
			if (!subscriber.offer(event) && subscriber.isClosed()) {
				subscribers.remove(subscriber);
			}
		}
	}

	public boolean isClosed() {
		return this.closed;
	}

}
