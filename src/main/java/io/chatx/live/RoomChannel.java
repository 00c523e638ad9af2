package io.chatx.live;

import java.time.Duration;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * One room's live stream on this instance. Events arrive from local commits and from
 * other instances in any order and any number of times; the channel delivers the room's
 * changes ({@link ChangeEvent}: posts, edits, deletions, reactions) to its subscribers
 * exactly once and in change-number order: a duplicate is dropped, and a gap is first
 * filled from the {@link RoomLog}. Other events are delivered in arrival order, never
 * ahead of a change that arrived before them.
 * <p>
 * Work is serialised by a drain loop (any thread may offer; one drains at a time), so the
 * channel needs no locks and never blocks.
 */
final class RoomChannel {

	private static final Log logger = LogFactory.getLog(RoomChannel.class);

	private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);

	private final UUID roomId;

	private final RoomLog log;

	private final Consumer<Integer> gapFilled;

	private final Set<LiveSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final Queue<Object> inbox = new ConcurrentLinkedQueue<>();

	// Read from the log, processed before the inbox.
	private final Queue<Object> fetched = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	private final Sinks.One<Long> ready = Sinks.one();

	// While true the inbox waits: the channel is reading the log.
	private volatile boolean waiting = true;

	// Guarded by the drain loop.
	private long lastChange = -1;

	private volatile boolean closed;

	RoomChannel(UUID roomId, RoomLog log, Consumer<Integer> gapFilled) {
		this.roomId = roomId;
		this.log = log;
		this.gapFilled = gapFilled;
		read(log.lastChange(roomId).map(Start::new));
	}

	UUID roomId() {
		return this.roomId;
	}

	/** Completes with the change number the channel started from, once it knows it. */
	Mono<Long> ready() {
		return this.ready.asMono();
	}

	void add(LiveSubscriber subscriber) {
		this.subscribers.add(subscriber);
	}

	void remove(LiveSubscriber subscriber) {
		this.subscribers.remove(subscriber);
	}

	boolean isEmpty() {
		return this.subscribers.isEmpty();
	}

	int size() {
		return this.subscribers.size();
	}

	/** Deliver an event (a {@link ChangeEvent} or any other room event). */
	void offer(Object event) {
		this.inbox.offer(event);
		drain();
	}

	/** Deliver {@code event} and then complete every subscriber: the room is gone. */
	void offerFinal(Object event) {
		offer(new Final(event));
	}

	/**
	 * The log says the room has changes up to {@code change}: fetch any the channel
	 * missed.
	 */
	void checkTail(long change) {
		offer(new Tail(change));
	}

	/** The users whose subscriptions here end when they leave the room. */
	Set<UUID> members() {
		Set<UUID> members = new HashSet<>();
		for (LiveSubscriber subscriber : this.subscribers) {
			UUID member = subscriber.member();
			if (member != null) {
				members.add(member);
			}
		}
		return members;
	}

	/**
	 * {@code userId} is no longer a member (the leave's event was lost): end their
	 * subscriptions that only a member may hold, in turn with the room's other events.
	 */
	void membershipEnded(UUID userId) {
		offer(new MembershipEnded(userId));
	}

	/** Complete every subscriber (shutdown). */
	void completeAll() {
		offer(new Final(null));
	}

	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			process();
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void process() {
		for (;;) {
			Object item = this.fetched.poll();
			if (item != null) {
				processFetched(item);
				continue;
			}
			if (this.waiting || this.closed) {
				if (this.closed) {
					this.inbox.clear();
				}
				return;
			}
			item = this.inbox.peek();
			if (item == null) {
				return;
			}
			if (processInbox(item)) {
				this.inbox.poll();
			}
			else {
				return;
			}
		}
	}

	private void processFetched(Object item) {
		if (item instanceof Start start) {
			// Changes that arrived while the channel was starting
			// were published after the first subscriber came:
			// deliver them even if the log read already counts them.
			long firstWaiting = this.inbox.stream()
				.filter(ChangeEvent.class::isInstance)
				.mapToLong((event) -> ((ChangeEvent) event).change())
				.min()
				.orElse(Long.MAX_VALUE);
			this.lastChange = Math.min(start.change(), firstWaiting - 1);
			this.ready.tryEmitValue(this.lastChange);
		}
		else if (item instanceof GapEnd end) {
			this.lastChange = Math.max(this.lastChange, end.change());
		}
		else if (item instanceof ChangeEvent change && change.change() > this.lastChange) {
			this.lastChange = change.change();
			deliver(change);
		}
	}

	/**
	 * @return whether the item is done with; false leaves it at the head until a gap is
	 * read
	 */
	private boolean processInbox(Object item) {
		if (item instanceof ChangeEvent change) {
			if (change.change() <= this.lastChange) {
				return true;
			}
			if (change.change() > this.lastChange + 1) {
				fillGap(change.change());
				return false;
			}
			this.lastChange = change.change();
			deliver(change);
		}
		else if (item instanceof Tail tail) {
			if (tail.change() > this.lastChange) {
				fillGap(tail.change() + 1);
			}
		}
		else if (item instanceof MembershipEnded ended) {
			this.subscribers.forEach((subscriber) -> subscriber.membershipEnded(ended.userId()));
		}
		else if (item instanceof Final last) {
			if (last.event() != null) {
				deliver(last.event());
			}
			this.closed = true;
			this.subscribers.forEach(LiveSubscriber::complete);
		}
		else {
			deliver(item);
		}
		return true;
	}

	private void fillGap(long beforeChange) {
		long afterChange = this.lastChange;
		this.gapFilled.accept((int) Math.min(Integer.MAX_VALUE, beforeChange - afterChange - 1));
		read(this.log.between(this.roomId, afterChange, beforeChange)
			.cast(Object.class)
			.concatWith(Mono.just(new GapEnd(beforeChange - 1))));
	}

	/**
	 * Pause the inbox while {@code items} are read from the log (retried until it
	 * answers).
	 */
	private void read(org.reactivestreams.Publisher<?> items) {
		this.waiting = true;
		reactor.core.publisher.Flux.from(items)
			.collectList()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, RETRY_BACKOFF)
				.maxBackoff(Duration.ofSeconds(5))
				.filter((ex) -> !this.closed)
				.doBeforeRetry((signal) -> logger
					.warn("Reading room " + this.roomId + " from the database failed; retrying", signal.failure())))
			.subscribe((list) -> {
				this.fetched.addAll(list);
				this.waiting = false;
				drain();
			}, (ex) -> logger.debug("Stopped reading room " + this.roomId, ex));
	}

	private void deliver(Object event) {
		LiveSubscriber.offerAll(this.subscribers, event);
	}

	private record Start(long change) {
	}

	private record GapEnd(long change) {
	}

	private record Tail(long change) {
	}

	private record Final(@Nullable Object event) {
	}

	private record MembershipEnded(UUID userId) {
	}

}
