package io.chatx.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
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
 */
final class FanOut {

	static final String SUBSCRIPTION = """
			subscription($r: ID!) { roomEvents(roomId: $r) { __typename ... on MessagePosted { cursor \
			message { id seq content sentAt clientMessageId author { id username } } } } }""";

	static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { seq } }";

	private final Bench bench;

	private final int rooms;

	private final int subscribers;

	private final int publishers;

	private final int rate;

	private final int warmup;

	private final int duration;

	private final Queue<Histogram> histograms = new ConcurrentLinkedQueue<>();

	private final ThreadLocal<Histogram> histogram = ThreadLocal.withInitial(() -> {
		Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		this.histograms.add(h);
		return h;
	});

	private final AtomicLong deliveredInWindow = new AtomicLong();

	private final AtomicLong sendErrors = new AtomicLong();

	private final AtomicLong subscriptionsEnded = new AtomicLong();

	private volatile long windowStart = Long.MAX_VALUE;

	private volatile long windowEnd = Long.MAX_VALUE;

	private AtomicLongArray ackedPerRoom;

	FanOut(Bench bench) {
		this.bench = bench;
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
								client.subscribe("s", SUBSCRIPTION, "{\"r\":\"" + roomIds.get(subscriber.room) + "\"}");
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
		Bench.log("fanout: " + subscriberList.size() + " subscribers, " + this.publishers + " publishers, " + this.rate
				+ " msg/s for " + this.warmup + "+" + this.duration + " s");

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
		for (Subscriber subscriber : subscriberList) {
			long[] counts = subscriber.client.channel().eventLoop().submit(subscriber::counts).get();
			delivered += counts[0];
			duplicated += counts[1];
			outOfOrder += counts[2];
		}
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		this.histograms.forEach(latency::add);
		subscriberList.forEach((subscriber) -> subscriber.client.close());
		publisherList.forEach((publisher) -> publisher.client.close());

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", "fanout");
		result.put("rooms", this.rooms);
		result.put("subscribersPerRoom", this.subscribers);
		result.put("publishers", this.publishers);
		result.put("offeredMessagesPerSecond", this.rate);
		result.put("seconds", this.duration);
		result.put("sent", sent);
		result.put("acknowledged", acked);
		result.put("sendErrors", this.sendErrors.get());
		result.put("expected", expected);
		result.put("delivered", delivered);
		result.put("lost", Math.max(0, expected - delivered));
		result.put("duplicated", duplicated);
		result.put("outOfOrder", outOfOrder);
		result.put("subscriptionsEnded", this.subscriptionsEnded.get());
		result.put("sentPerSecond", sentInWindow / (windowNanos / 1e9));
		result.put("deliveredPerSecond", deliveredInWindow / (windowNanos / 1e9));
		Map<String, Object> ms = new LinkedHashMap<>();
		ms.put("p50", latency.getValueAtPercentile(50) / 1000.0);
		ms.put("p90", latency.getValueAtPercentile(90) / 1000.0);
		ms.put("p99", latency.getValueAtPercentile(99) / 1000.0);
		ms.put("p99.9", latency.getValueAtPercentile(99.9) / 1000.0);
		ms.put("max", latency.getMaxValue() / 1000.0);
		ms.put("count", latency.getTotalCount());
		result.put("latencyMs", ms);
		result.put("maxSendLagMs", maxLagNanos / 1e6);
		result.put("cpuCores", cpu);
		return Json.object(result);
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
			expected += this.ackedPerRoom.get(subscriber.room);
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

		Publisher(int room, String roomId, int index) {
			this.room = room;
			this.roomId = roomId;
			this.index = index;
		}

		void write(long sendNanos, long n) {
			String content = sendNanos + " fan-out message " + n + " from publisher " + this.index;
			this.client.write("{\"id\":\"" + (++this.ids) + "\",\"type\":\"subscribe\",\"payload\":{\"query\":"
					+ Json.quote(SEND) + ",\"variables\":{\"i\":{\"roomId\":\"" + this.roomId + "\",\"content\":\""
					+ content + "\",\"clientMessageId\":\"p" + this.index + "-" + n + "\"}}}}");
		}

		void onMessage(WsClient client, String text) {
			if (text.contains("\"type\":\"next\"")) {
				this.answered.incrementAndGet();
				if (text.contains("\"errors\"")) {
					if (FanOut.this.sendErrors.incrementAndGet() <= 3) {
						Bench.log("send error: " + text);
					}
				}
				else {
					FanOut.this.ackedPerRoom.incrementAndGet(this.room);
				}
			}
			else if (text.contains("\"type\":\"error\"")) {
				this.answered.incrementAndGet();
				FanOut.this.sendErrors.incrementAndGet();
			}
		}

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
			if (!text.contains("MessagePosted")) {
				return;
			}
			long now = System.nanoTime();
			int messageAt = text.indexOf("\"message\"");
			long seq = Json.number(text, "\"seq\":", messageAt);
			long sentAt = Json.number(text, "\"content\":\"", messageAt);
			if (sentAt >= FanOut.this.windowStart && sentAt < FanOut.this.windowEnd) {
				FanOut.this.histogram.get().recordValue(Math.min((now - sentAt) / 1000, TimeUnit.SECONDS.toMicros(60)));
			}
			if (now >= FanOut.this.windowStart && now < FanOut.this.windowEnd) {
				FanOut.this.deliveredInWindow.incrementAndGet();
			}
			if (this.seen.get((int) seq)) {
				this.duplicated++;
				return;
			}
			this.seen.set((int) seq);
			if (seq < this.last) {
				this.outOfOrder++;
			}
			this.last = Math.max(this.last, seq);
			this.delivered++;
			this.deliveredVolatile = this.delivered;
		}

		long[] counts() {
			return new long[] { this.delivered, this.duplicated, this.outOfOrder };
		}

	}

}
