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
 * other instances in any order and any number of times; the channel delivers messages to
 * its subscribers exactly once and in seq order: a duplicate is dropped, and a gap is
 * first filled from the {@link RoomLog}. Other events are delivered in arrival order,
 * never ahead of a message that arrived before them.
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
	private long lastSeq = -1;

	private volatile boolean closed;

	RoomChannel(UUID roomId, RoomLog log, Consumer<Integer> gapFilled) {
		this.roomId = roomId;
		this.log = log;
		this.gapFilled = gapFilled;
		read(log.lastSeq(roomId).map(Start::new));
	}

	UUID roomId() {
		return this.roomId;
	}

	/** Completes with the seq the channel started from, once it knows it. */
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

	/** Deliver an event (a {@link SequencedEvent} or any other room event). */
	void offer(Object event) {
		this.inbox.offer(event);
		drain();
	}

	/** Deliver {@code event} and then complete every subscriber: the room is gone. */
	void offerFinal(Object event) {
		offer(new Final(event));
	}

	/**
	 * The log says the room has messages up to {@code seq}: fetch any the channel missed.
	 */
	void checkTail(long seq) {
		offer(new Tail(seq));
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
			// Messages that arrived while the channel was starting
			// were published after the first subscriber came:
			// deliver them even if the log read already counts them.
			long firstWaiting = this.inbox.stream()
				.filter(SequencedEvent.class::isInstance)
				.mapToLong((event) -> ((SequencedEvent) event).seq())
				.min()
				.orElse(Long.MAX_VALUE);
			this.lastSeq = Math.min(start.seq(), firstWaiting - 1);
			this.ready.tryEmitValue(this.lastSeq);
		}
		else if (item instanceof GapEnd end) {
			this.lastSeq = Math.max(this.lastSeq, end.seq());
		}
		else if (item instanceof SequencedEvent message && message.seq() > this.lastSeq) {
			this.lastSeq = message.seq();
			deliver(message);
		}
	}

	/**
	 * @return whether the item is done with; false leaves it at the head until a gap is
	 * read
	 */
	private boolean processInbox(Object item) {
		if (item instanceof SequencedEvent message) {
			if (message.seq() <= this.lastSeq) {
				return true;
			}
			if (message.seq() > this.lastSeq + 1) {
				fillGap(message.seq());
				return false;
			}
			this.lastSeq = message.seq();
			deliver(message);
		}
		else if (item instanceof Tail tail) {
			if (tail.seq() > this.lastSeq) {
				fillGap(tail.seq() + 1);
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

	private void fillGap(long beforeSeq) {
		long afterSeq = this.lastSeq;
		this.gapFilled.accept((int) Math.min(Integer.MAX_VALUE, beforeSeq - afterSeq - 1));
		read(this.log.between(this.roomId, afterSeq, beforeSeq)
			.cast(Object.class)
			.concatWith(Mono.just(new GapEnd(beforeSeq - 1))));
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

	private record Start(long seq) {
	}

	private record GapEnd(long seq) {
	}

	private record Tail(long seq) {
	}

	private record Final(@Nullable Object event) {
	}

	private record MembershipEnded(UUID userId) {
	}

}
