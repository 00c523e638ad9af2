package io.chatx.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Fan-out: R rooms with S subscribers each, P publishers sending at a fixed total rate.
 * Every message carries its send time (this JVM's nanoTime) as the start of its content,
 * so that each delivery gives a publish-to-deliver latency; each subscriber checks that
 * seqs arrive once each and in order.
 * <p>
 * {@code fanout-lifecycle}: {@code --changes} percent of the operations (default 10) are
 * changes of the publishers' recent messages instead of posts, half edits, half reactions
 * added and removed in turn. Subscribers check change numbers instead of seqs: each one
 * must receive every change of its room (1 to the room's change number at the end, the
 * rooms being new), once, in increasing order; edits carry their send time in the new
 * content, reactions in a map by their emoji (see {@link Publisher#react}).
 */
final class FanOut {

	static final String SUBSCRIPTION = """
			subscription($r: ID!) { roomEvents(roomId: $r) { __typename ... on MessagePosted { cursor \
			message { id seq content sentAt clientMessageId author { id username } } } } }""";

	static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { seq } }";

	/**
	 * What a client applying changes to its copy of the room needs; posts select what
	 * {@link #SUBSCRIPTION} selects. No viewer-dependent field (Reaction.mine): the
	 * selection stays shared by all subscribers of a room.
	 */
	static final String LIFECYCLE_SUBSCRIPTION = """
			subscription($r: ID!) { roomEvents(roomId: $r) { __typename ... on MessagePosted { cursor \
			message { id seq content sentAt clientMessageId author { id username } } } \
			... on MessageEdited { cursor message { id content editedAt } } \
			... on MessageDeleted { cursor message { id deleted } } \
			... on ReactionChanged { cursor emoji added user { id } message { id reactions { emoji count } } } } }""";

	static final String LIFECYCLE_SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq } }";

	static final String EDIT = "mutation($i: EditMessageInput!) { editMessage(input: $i) { id } }";

	static final String ADD_REACTION = "mutation($m: ID!, $e: String!) { addReaction(messageId: $m, emoji: $e) { id } }";

	static final String REMOVE_REACTION = "mutation($m: ID!, $e: String!) { removeReaction(messageId: $m, emoji: $e) { id } }";

	/**
	 * What a publisher does, and the event it causes. The generator deletes nothing;
	 * {@code DELETE} counts deletions should the stream carry any.
	 */
	enum Kind {

		POST("posted"), EDIT("edited"), REACTION_ADD("reactionAdded"), REACTION_REMOVE("reactionRemoved"),
		DELETE("deleted");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	private final Bench bench;

	private final int rooms;

	private final int subscribers;

	private final int publishers;

	private final int rate;

	private final int warmup;

	private final int duration;

	// fanout-lifecycle: edits and reactions mixed in, change numbers checked.
	private final boolean lifecycle;

	private final int changes;

	// Latencies per event kind, one set per event-loop thread.
	private final Queue<Histogram[]> histograms = new ConcurrentLinkedQueue<>();

	private final ThreadLocal<Histogram[]> histogram = ThreadLocal.withInitial(() -> {
		Histogram[] h = new Histogram[Kind.values().length];
		for (int i = 0; i < h.length; i++) {
			h[i] = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		}
		this.histograms.add(h);
		return h;
	});

	// Send time of each reaction operation, by its tag (see Publisher#react).
	private final Map<String, Long> reactionSentAt = new ConcurrentHashMap<>();

	// Written by the sending thread only.
	private final long[] sentByKind = new long[Kind.values().length];

	private final AtomicLongArray acknowledgedByKind = new AtomicLongArray(Kind.values().length);

	// fanout-lifecycle: each room's change number once every operation was answered.
	private long[] changesPerRoom;

	private final AtomicLong deliveredInWindow = new AtomicLong();

	private final AtomicLong sendErrors = new AtomicLong();

	private final AtomicLong subscriptionsEnded = new AtomicLong();

	private volatile long windowStart = Long.MAX_VALUE;

	private volatile long windowEnd = Long.MAX_VALUE;

	private AtomicLongArray ackedPerRoom;

	FanOut(Bench bench, boolean lifecycle) {
		this.bench = bench;
		this.lifecycle = lifecycle;
		this.changes = lifecycle ? bench.intOption("changes", 10) : 0;
		this.rooms = bench.intOption("rooms", 10);
		this.subscribers = bench.intOption("subscribers", 100);
		this.publishers = bench.intOption("publishers", 10);
		this.rate = bench.intOption("rate", 500);
		this.warmup = bench.intOption("warmup", 20);
		this.duration = bench.intOption("duration", 30);
	}

	String run() throws Exception {
		Setup setup = this.bench.setup;
		List<Setup.User> pubs = setup.users("pub", this.publishers);
		List<Setup.User> subs = setup.users("sub", Math.min(this.subscribers * this.rooms, 20));
		List<String> roomIds = new ArrayList<>();
		for (int r = 0; r < this.rooms; r++) {
			roomIds.add(setup.createRoom(pubs.get(r % pubs.size()), "fanout-" + r));
		}
		for (int p = 0; p < this.publishers; p++) {
			setup.join(pubs.get(p), roomIds.get(p % this.rooms));
		}
		this.ackedPerRoom = new AtomicLongArray(this.rooms);
		String subscription = this.lifecycle ? LIFECYCLE_SUBSCRIPTION : SUBSCRIPTION;

		// Subscribers, spread over the event loops and source addresses.
		List<Subscriber> subscriberList = new ArrayList<>();
		List<CompletableFuture<WsClient>> connecting = new ArrayList<>();
		for (int r = 0; r < this.rooms; r++) {
			for (int s = 0; s < this.subscribers; s++) {
				Subscriber subscriber = new Subscriber(r);
				subscriberList.add(subscriber);
				int n = subscriberList.size();
				connecting.add(
						WsClient
							.connect(this.bench.ws, this.bench.wsUri, this.bench.sourceHost(n),
									subs.get(n % subs.size()).token(), subscriber::onMessage)
							.thenApply((client) -> {
								client.subscribe("s", subscription, "{\"r\":\"" + roomIds.get(subscriber.room) + "\"}");
								subscriber.client = client;
								return client;
							}));
			}
		}
		CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		awaitSubscribers(this.rooms * this.subscribers);

		List<Publisher> publisherList = new ArrayList<>();
		for (int p = 0; p < this.publishers; p++) {
			Publisher publisher = new Publisher(p % this.rooms, roomIds.get(p % this.rooms), p);
			publisher.client = WsClient
				.connect(this.bench.ws, this.bench.wsUri, this.bench.sourceHost(p), pubs.get(p).token(),
						publisher::onMessage)
				.get(30, TimeUnit.SECONDS);
			publisherList.add(publisher);
		}
		Bench.log(scenario() + ": " + subscriberList.size() + " subscribers, " + this.publishers + " publishers, "
				+ this.rate + " msg/s (" + this.changes + "% changes) for " + this.warmup + "+" + this.duration + " s");

		// Send at a fixed rate; the measured window follows the warm-up.
		long start = System.nanoTime();
		this.windowStart = start + TimeUnit.SECONDS.toNanos(this.warmup);
		this.windowEnd = this.windowStart + TimeUnit.SECONDS.toNanos(this.duration);
		Bench.CpuMark cpu0 = null;
		boolean inWindow = false;
		long sent = 0;
		long maxLagNanos = 0;
		long sentInWindow = 0;
		int next = 0;
		for (;;) {
			long now = System.nanoTime();
			if (!inWindow && now >= this.windowStart) {
				inWindow = true;
				cpu0 = this.bench.cpuMark();
				sentInWindow = sent;
			}
			if (now >= this.windowEnd) {
				break;
			}
			long due = (long) ((now - start) / 1e9 * this.rate);
			if (due - sent > 0) {
				long behind = now - (start + (long) (sent * 1e9 / this.rate));
				maxLagNanos = Math.max(maxLagNanos, behind);
			}
			boolean[] touched = new boolean[this.publishers];
			while (sent < due) {
				Publisher publisher = publisherList.get(next);
				next = (next + 1) % this.publishers;
				publisher.write(System.nanoTime(), sent);
				touched[publisher.index] = true;
				sent++;
			}
			for (int p = 0; p < this.publishers; p++) {
				if (touched[p]) {
					publisherList.get(p).client.flush();
				}
			}
			LockSupport.parkNanos(500_000);
		}
		long windowNanos = System.nanoTime() - this.windowStart;
		Map<String, Object> cpu = this.bench.cpuSince(cpu0);
		long deliveredInWindow = this.deliveredInWindow.get();
		sentInWindow = sent - sentInWindow;

		// Wait for the acknowledgements and deliveries still on their way.
		long acked = awaitAcks(publisherList, sent);
		if (this.lifecycle) {
			this.changesPerRoom = new long[this.rooms];
			for (int r = 0; r < this.rooms; r++) {
				this.changesPerRoom[r] = setup.lastChange(pubs.get(r % pubs.size()), roomIds.get(r));
			}
		}
		long expected = expected(subscriberList);
		long quietSince = System.nanoTime();
		long lastTotal = -1;
		while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(10)) {
			long total = totalDelivered(subscriberList);
			if (total >= expected) {
				break;
			}
			if (total != lastTotal) {
				lastTotal = total;
				quietSince = System.nanoTime();
			}
			Thread.sleep(100);
		}
		expected = expected(subscriberList);

		long delivered = 0;
		long duplicated = 0;
		long outOfOrder = 0;
		long[] deliveredByKind = new long[Kind.values().length];
		for (Subscriber subscriber : subscriberList) {
			long[] counts = subscriber.client.channel().eventLoop().submit(subscriber::counts).get();
			delivered += counts[0];
			duplicated += counts[1];
			outOfOrder += counts[2];
			for (int k = 0; k < deliveredByKind.length; k++) {
				deliveredByKind[k] += counts[3 + k];
			}
		}
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		Histogram[] latencyByKind = new Histogram[Kind.values().length];
		for (int k = 0; k < latencyByKind.length; k++) {
			latencyByKind[k] = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
			for (Histogram[] h : this.histograms) {
				latencyByKind[k].add(h[k]);
			}
			latency.add(latencyByKind[k]);
		}
		subscriberList.forEach((subscriber) -> subscriber.client.close());
		publisherList.forEach((publisher) -> publisher.client.close());

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", scenario());
		result.put("rooms", this.rooms);
		result.put("subscribersPerRoom", this.subscribers);
		result.put("publishers", this.publishers);
		result.put("offeredMessagesPerSecond", this.rate);
		if (this.lifecycle) {
			result.put("changesPercent", this.changes);
		}
		result.put("seconds", this.duration);
		result.put("sent", sent);
		result.put("acknowledged", acked);
		result.put("sendErrors", this.sendErrors.get());
		if (this.lifecycle) {
			result.put("sentByKind", byKind(this.sentByKind));
			long[] acknowledgedByKind = new long[Kind.values().length];
			for (int k = 0; k < acknowledgedByKind.length; k++) {
				acknowledgedByKind[k] = this.acknowledgedByKind.get(k);
			}
			result.put("acknowledgedByKind", byKind(acknowledgedByKind));
			// Every acknowledged operation takes a change number: the two must be equal.
			result.put("changesStored", java.util.Arrays.stream(this.changesPerRoom).sum());
		}
		result.put("expected", expected);
		result.put("delivered", delivered);
		result.put("lost", Math.max(0, expected - delivered));
		result.put("duplicated", duplicated);
		result.put("outOfOrder", outOfOrder);
		result.put("subscriptionsEnded", this.subscriptionsEnded.get());
		result.put("sentPerSecond", sentInWindow / (windowNanos / 1e9));
		result.put("deliveredPerSecond", deliveredInWindow / (windowNanos / 1e9));
		if (this.lifecycle) {
			result.put("deliveredByKind", byKind(deliveredByKind));
		}
		result.put("latencyMs", milliseconds(latency));
		if (this.lifecycle) {
			Map<String, Object> byKind = new LinkedHashMap<>();
			for (Kind kind : Kind.values()) {
				if (kind != Kind.DELETE) {
					byKind.put(kind.label, milliseconds(latencyByKind[kind.ordinal()]));
				}
			}
			result.put("latencyMsByKind", byKind);
		}
		result.put("maxSendLagMs", maxLagNanos / 1e6);
		result.put("cpuCores", cpu);
		return Json.object(result);
	}

	private String scenario() {
		return this.lifecycle ? "fanout-lifecycle" : "fanout";
	}

	private static Map<String, Object> milliseconds(Histogram latency) {
		Map<String, Object> ms = new LinkedHashMap<>();
		ms.put("p50", latency.getValueAtPercentile(50) / 1000.0);
		ms.put("p90", latency.getValueAtPercentile(90) / 1000.0);
		ms.put("p99", latency.getValueAtPercentile(99) / 1000.0);
		ms.put("p99.9", latency.getValueAtPercentile(99.9) / 1000.0);
		ms.put("max", latency.getMaxValue() / 1000.0);
		ms.put("count", latency.getTotalCount());
		return ms;
	}

	/** Counts by kind; deletions only when there were any. */
	private static Map<String, Object> byKind(long[] counts) {
		Map<String, Object> byKind = new LinkedHashMap<>();
		for (Kind kind : Kind.values()) {
			if (kind != Kind.DELETE || counts[kind.ordinal()] > 0) {
				byKind.put(kind.label, counts[kind.ordinal()]);
			}
		}
		return byKind;
	}

	private void awaitSubscribers(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (this.bench.setup.metric("chatx.hub.subscribers", null) >= count) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("subscriptions did not all start");
	}

	private long awaitAcks(List<Publisher> publishers, long sent) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		long answered = 0;
		while (System.nanoTime() < deadline) {
			answered = 0;
			for (Publisher publisher : publishers) {
				answered += publisher.answered.get();
			}
			if (answered >= sent) {
				break;
			}
			Thread.sleep(50);
		}
		long acked = 0;
		for (int r = 0; r < this.rooms; r++) {
			acked += this.ackedPerRoom.get(r);
		}
		return acked;
	}

	private long expected(List<Subscriber> subscribers) {
		long expected = 0;
		for (Subscriber subscriber : subscribers) {
			expected += this.lifecycle ? this.changesPerRoom[subscriber.room] : this.ackedPerRoom.get(subscriber.room);
		}
		return expected;
	}

	private static long totalDelivered(List<Subscriber> subscribers) {
		long total = 0;
		for (Subscriber subscriber : subscribers) {
			total += subscriber.deliveredVolatile;
		}
		return total;
	}

	/** A publisher connection: one user, one room. */
	private final class Publisher {

		final int room;

		final String roomId;

		final int index;

		final AtomicLong answered = new AtomicLong();

		WsClient client;

		private long ids;

		// fanout-lifecycle. The sending thread writes; the event loop reads the answers.
		private final Map<Long, Operation> inFlight = new ConcurrentHashMap<>();

		private volatile String lastMessageId;

		private final Queue<Operation> reactionsAdded = new ConcurrentLinkedQueue<>();

		private long operations;

		private long changeOperations;

		private long reactionTags;

		Publisher(int room, String roomId, int index) {
			this.room = room;
			this.roomId = roomId;
			this.index = index;
		}

		void write(long sendNanos, long n) {
			Kind kind = FanOut.this.lifecycle ? nextKind() : Kind.POST;
			FanOut.this.sentByKind[kind.ordinal()]++;
			switch (kind) {
				case POST -> post(sendNanos, n);
				case EDIT -> edit(sendNanos, n);
				case REACTION_ADD -> react(sendNanos, null);
				case REACTION_REMOVE -> react(sendNanos, this.reactionsAdded.poll());
				default -> throw new IllegalStateException("not sent: " + kind);
			}
		}

		/**
		 * {@code changes} percent of this publisher's operations are changes, spread
		 * evenly; they alternate between an edit and a reaction, which removes a reaction
		 * this publisher added (and saw acknowledged) or else adds one. Until its first
		 * post is acknowledged a publisher only posts.
		 */
		private Kind nextKind() {
			long k = this.operations++;
			boolean change = (k + 1) * FanOut.this.changes / 100 > k * FanOut.this.changes / 100;
			if (!change || this.lastMessageId == null) {
				return Kind.POST;
			}
			if (this.changeOperations++ % 2 == 0) {
				return Kind.EDIT;
			}
			return this.reactionsAdded.isEmpty() ? Kind.REACTION_ADD : Kind.REACTION_REMOVE;
		}

		private void post(long sendNanos, long n) {
			String content = sendNanos + " fan-out message " + n + " from publisher " + this.index;
			long id = ++this.ids;
			if (FanOut.this.lifecycle) {
				this.inFlight.put(id, new Operation(Kind.POST, null, null));
			}
			this.client.write("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":"
					+ Json.quote(FanOut.this.lifecycle ? LIFECYCLE_SEND : SEND) + ",\"variables\":{\"i\":{\"roomId\":\""
					+ this.roomId + "\",\"content\":\"" + content + "\",\"clientMessageId\":\"p" + this.index + "-" + n
					+ "\"}}}}");
		}

		/**
		 * Edit the newest acknowledged post; the new content starts with the send time.
		 */
		private void edit(long sendNanos, long n) {
			String messageId = this.lastMessageId;
			String content = sendNanos + " fan-out edit " + n + " from publisher " + this.index;
			write(new Operation(Kind.EDIT, messageId, null), EDIT,
					"{\"i\":{\"messageId\":\"" + messageId + "\",\"content\":\"" + content + "\"}}");
		}

		/**
		 * Add a reaction to the newest acknowledged post ({@code added} null), or remove
		 * {@code added}. Each added reaction has an emoji of its own, a thumbs-up and a
		 * tag unique in the run, so that (tag, added or removed) names one operation and
		 * its send time: a subscriber finds it in {@link FanOut#reactionSentAt}. The
		 * emoji is removed before the next one is added: a message keeps at most one.
		 */
		private void react(long sendNanos, Operation added) {
			Operation operation;
			if (added == null) {
				String tag = "r" + this.index + "." + (++this.reactionTags);
				operation = new Operation(Kind.REACTION_ADD, this.lastMessageId, "\uD83D\uDC4D" + tag);
			}
			else {
				operation = new Operation(Kind.REACTION_REMOVE, added.messageId(), added.emoji());
			}
			FanOut.this.reactionSentAt.put(reactionKey(operation.emoji(), operation.kind() == Kind.REACTION_ADD),
					sendNanos);
			write(operation, (added == null) ? ADD_REACTION : REMOVE_REACTION,
					"{\"m\":\"" + operation.messageId() + "\",\"e\":" + Json.quote(operation.emoji()) + "}");
		}

		private void write(Operation operation, String query, String variables) {
			long id = ++this.ids;
			this.inFlight.put(id, operation);
			this.client.write("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":"
					+ Json.quote(query) + ",\"variables\":" + variables + "}}");
		}

		void onMessage(WsClient client, String text) {
			boolean next = text.contains("\"type\":\"next\"");
			if (!next && !text.contains("\"type\":\"error\"")) {
				return;
			}
			this.answered.incrementAndGet();
			Operation operation = FanOut.this.lifecycle ? answered(text) : null;
			if (!next || text.contains("\"errors\"")) {
				if (FanOut.this.sendErrors.incrementAndGet() <= 3) {
					Bench.log("send error: " + text);
				}
				return;
			}
			FanOut.this.ackedPerRoom.incrementAndGet(this.room);
			if (operation != null) {
				FanOut.this.acknowledgedByKind.incrementAndGet(operation.kind().ordinal());
				if (operation.kind() == Kind.POST) {
					this.lastMessageId = Json.string(text, "\"id\":\"", text.indexOf("\"sendMessage\""));
				}
				else if (operation.kind() == Kind.REACTION_ADD) {
					this.reactionsAdded.add(operation);
				}
			}
		}

		/** The operation a frame answers (its id comes first in the frame). */
		private Operation answered(String text) {
			String id = Json.string(text, "\"id\":\"", 0);
			Operation operation = (id != null) ? this.inFlight.remove(Long.parseLong(id)) : null;
			if (operation == null) {
				Bench.log("answer to no operation: " + text);
			}
			return operation;
		}

	}

	/** One operation of a publisher: what it is, on which message, with which emoji. */
	record Operation(Kind kind, String messageId, String emoji) {
	}

	static String reactionKey(String emoji, boolean added) {
		return emoji.substring(emoji.indexOf('r')) + (added ? "+" : "-");
	}

	/**
	 * A delivery: what caused it, its number (seq or change) and its send time (-1 when
	 * unknown).
	 */
	record Event(Kind kind, long number, long sentAt) {
	}

	/** A subscriber connection; its fields are only touched on its event loop. */
	private final class Subscriber {

		final int room;

		WsClient client;

		private final BitSet seen = new BitSet();

		private long last;

		private long delivered;

		private long duplicated;

		private long outOfOrder;

		private final long[] deliveredByKind = new long[Kind.values().length];

		volatile long deliveredVolatile;

		Subscriber(int room) {
			this.room = room;
		}

		void onMessage(WsClient client, String text) {
			if (!text.contains("\"type\":\"next\"")) {
				if (text.contains("\"type\":\"error\"") || text.contains("\"type\":\"complete\"")) {
					if (FanOut.this.subscriptionsEnded.incrementAndGet() <= 3) {
						Bench.log("subscription ended: " + text);
					}
				}
				return;
			}
			long now = System.nanoTime();
			Event event = FanOut.this.lifecycle ? change(text) : post(text);
			if (event == null) {
				return;
			}
			if (event.sentAt() >= FanOut.this.windowStart && event.sentAt() < FanOut.this.windowEnd) {
				FanOut.this.histogram.get()[event.kind().ordinal()]
					.recordValue(Math.min((now - event.sentAt()) / 1000, TimeUnit.SECONDS.toMicros(60)));
			}
			if (now >= FanOut.this.windowStart && now < FanOut.this.windowEnd) {
				FanOut.this.deliveredInWindow.incrementAndGet();
			}
			// A number seen again is a duplicate, one below the highest seen out of order
			// (a number skipped on arrival ends up out of order or lost).
			int number = (int) event.number();
			if (this.seen.get(number)) {
				this.duplicated++;
				return;
			}
			this.seen.set(number);
			if (number < this.last) {
				this.outOfOrder++;
			}
			this.last = Math.max(this.last, number);
			this.delivered++;
			this.deliveredByKind[event.kind().ordinal()]++;
			this.deliveredVolatile = this.delivered;
		}

		/** fanout: a MessagePosted, numbered by its seq. */
		private Event post(String text) {
			if (!text.contains("MessagePosted")) {
				return null;
			}
			int messageAt = text.indexOf("\"message\"");
			return new Event(Kind.POST, Json.number(text, "\"seq\":", messageAt),
					Json.number(text, "\"content\":\"", messageAt));
		}

		/**
		 * fanout-lifecycle: any persisted event, numbered by the change of its cursor.
		 */
		private Event change(String text) {
			String type = Json.string(text, "\"__typename\":\"", 0);
			if (type == null) {
				return null;
			}
			Kind kind;
			long sentAt;
			switch (type) {
				case "MessagePosted", "MessageEdited" -> {
					kind = type.equals("MessagePosted") ? Kind.POST : Kind.EDIT;
					sentAt = Json.number(text, "\"content\":\"", text.indexOf("\"message\""));
				}
				case "ReactionChanged" -> {
					boolean added = text.contains("\"added\":true");
					kind = added ? Kind.REACTION_ADD : Kind.REACTION_REMOVE;
					Long at = FanOut.this.reactionSentAt.get(reactionKey(Json.string(text, "\"emoji\":\"", 0), added));
					sentAt = (at != null) ? at : -1;
				}
				case "MessageDeleted" -> {
					kind = Kind.DELETE;
					sentAt = -1;
				}
				default -> {
					return null; // ephemeral events have no change number
				}
			}
			return new Event(kind, Cursors.change(Json.string(text, "\"cursor\":\"", 0)), sentAt);
		}

		long[] counts() {
			long[] counts = new long[3 + this.deliveredByKind.length];
			counts[0] = this.delivered;
			counts[1] = this.duplicated;
			counts[2] = this.outOfOrder;
			System.arraycopy(this.deliveredByKind, 0, counts, 3, this.deliveredByKind.length);
			return counts;
		}

	}

}
