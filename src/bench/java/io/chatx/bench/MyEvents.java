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
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * myevents: one room of M members, each holding one {@code myEvents} subscription on a
 * connection of its own, and P publishers (members without a subscription, the first the
 * room's creator) sending in turn at a fixed total rate, each on a connection of its own
 * (a connection runs at most 100 operations at once). Members are seeded in SQL, users
 * and memberships, before any message (so each one's marker is 0), and sign in over the
 * API (cheap bcrypt hashes). Each one's unread count after message {@code seq} must be
 * exactly {@code seq} (the members never read or send). Messages are posted until every
 * subscriber has received one (its subscription is live); those after them are measured:
 * each subscriber must receive each once, in seq order, with that unread count. The
 * content starts with the send time, for a send-to-receipt latency.
 */
final class MyEvents {

	static final String SUBSCRIPTION = """
			subscription { myEvents { __typename ... on RoomActivity { room { id unreadCount } \
			message { id seq sentAt content } } } }""";

	private final Bench bench;

	private final int members;

	private final int rate;

	private final int publishers;

	private final int warmup;

	private final int duration;

	private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

	private final Queue<Histogram> histograms = new ConcurrentLinkedQueue<>();

	private final ThreadLocal<Histogram> histogram = ThreadLocal.withInitial(() -> {
		Histogram h = TimedQueries.newHistogram();
		this.histograms.add(h);
		return h;
	});

	private final AtomicLong subscriptionsEnded = new AtomicLong();

	private final AtomicLong answered = new AtomicLong();

	private final AtomicLong acknowledged = new AtomicLong();

	private final AtomicLong sendErrors = new AtomicLong();

	// Seqs up to this one were probes, sent before the subscriptions were all live.
	private volatile long baseline = Long.MAX_VALUE;

	private volatile long windowStart = Long.MAX_VALUE;

	private volatile long windowEnd = Long.MAX_VALUE;

	MyEvents(Bench bench) {
		this.bench = bench;
		this.members = bench.intOption("members", 1000);
		this.rate = bench.intOption("rate", 100);
		this.publishers = bench.intOption("publishers", 4);
		this.warmup = bench.intOption("warmup", 20);
		this.duration = bench.intOption("duration", 30);
	}

	String run() throws Exception {
		Setup setup = this.bench.setup;
		List<Setup.User> publisherUsers = setup.users("me-pub", this.publishers);
		Setup.User publisher = publisherUsers.get(0);
		String roomId = setup.createRoom(publisher, "myevents");
		for (Setup.User other : publisherUsers.subList(1, publisherUsers.size())) {
			setup.join(other, roomId);
		}
		List<Setup.User> users = seedMembers(roomId);

		List<Subscriber> subscribers = new ArrayList<>();
		List<CompletableFuture<WsClient>> connecting = new ArrayList<>();
		for (int i = 0; i < users.size(); i++) {
			Subscriber subscriber = new Subscriber();
			subscribers.add(subscriber);
			connecting.add(
					WsClient
						.connect(this.bench.ws, this.bench.wsUri, this.bench.sourceHost(i), users.get(i).token(),
								subscriber::onMessage)
						.thenApply((client) -> {
							client.subscribe("e", SUBSCRIPTION, "{}");
							subscriber.client = client;
							return client;
						}));
		}
		CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		probe(setup, publisher, roomId, subscribers);

		List<Publisher> senders = new ArrayList<>();
		for (int p = 0; p < publisherUsers.size(); p++) {
			Publisher sender = new Publisher(roomId);
			sender.client = WsClient
				.connect(this.bench.ws, this.bench.wsUri, this.bench.sourceHost(p), publisherUsers.get(p).token(),
						sender::onMessage)
				.get(30, TimeUnit.SECONDS);
			senders.add(sender);
		}
		Bench.log("myevents: " + subscribers.size() + " members holding myEvents, " + this.rate + " msg/s from "
				+ senders.size() + " publishers for " + this.warmup + "+" + this.duration + " s");
		long start = System.nanoTime();
		this.windowStart = start + TimeUnit.SECONDS.toNanos(this.warmup);
		this.windowEnd = this.windowStart + TimeUnit.SECONDS.toNanos(this.duration);
		Bench.CpuMark cpu0 = null;
		long sent = 0;
		long maxLagNanos = 0;
		for (;;) {
			long now = System.nanoTime();
			if (cpu0 == null && now >= this.windowStart) {
				cpu0 = this.bench.cpuMark();
			}
			if (now >= this.windowEnd) {
				break;
			}
			long due = (long) ((now - start) / 1e9 * this.rate);
			if (due > sent) {
				maxLagNanos = Math.max(maxLagNanos, now - (start + (long) (sent * 1e9 / this.rate)));
			}
			boolean[] touched = new boolean[senders.size()];
			while (sent < due) {
				int p = (int) (sent % senders.size());
				senders.get(p).post(System.nanoTime(), sent++);
				touched[p] = true;
			}
			for (int p = 0; p < touched.length; p++) {
				if (touched[p]) {
					senders.get(p).client.flush();
				}
			}
			LockSupport.parkNanos(1_000_000);
		}
		Map<String, Object> cpu = this.bench.cpuSince(cpu0);

		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.answered.get() < sent && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		long acked = this.acknowledged.get();
		long expected = acked * subscribers.size();
		long quietSince = System.nanoTime();
		long lastTotal = -1;
		while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(10)) {
			long total = 0;
			for (Subscriber subscriber : subscribers) {
				total += subscriber.deliveredVolatile;
			}
			if (total >= expected) {
				break;
			}
			if (total != lastTotal) {
				lastTotal = total;
				quietSince = System.nanoTime();
			}
			Thread.sleep(100);
		}

		long[] totals = new long[4];
		for (Subscriber subscriber : subscribers) {
			long[] counts = subscriber.client.channel().eventLoop().submit(subscriber::counts).get();
			for (int k = 0; k < totals.length; k++) {
				totals[k] += counts[k];
			}
		}
		Histogram latency = TimedQueries.newHistogram();
		this.histograms.forEach(latency::add);
		subscribers.forEach((subscriber) -> subscriber.client.close());
		senders.forEach((sender) -> sender.client.close());

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", "myevents");
		result.put("members", subscribers.size());
		result.put("publishers", senders.size());
		result.put("offeredMessagesPerSecond", this.rate);
		result.put("seconds", this.duration);
		result.put("probes", this.baseline);
		result.put("sent", sent);
		result.put("acknowledged", acked);
		result.put("sendErrors", this.sendErrors.get());
		result.put("expected", expected);
		result.put("delivered", totals[0]);
		result.put("lost", Math.max(0, expected - totals[0]));
		result.put("duplicated", totals[1]);
		result.put("outOfOrder", totals[2]);
		result.put("wrongUnreadCounts", totals[3]);
		result.put("subscriptionsEnded", this.subscriptionsEnded.get());
		result.put("latencyMs", TimedQueries.milliseconds(latency));
		result.put("maxSendLagMs", maxLagNanos / 1e6);
		result.put("cpuCores", cpu);
		return Json.object(result);
	}

	/**
	 * The members: seeded in SQL as users and members of the room (which has no message
	 * yet: their markers are 0), then signed in over the API, a few at a time.
	 */
	private List<Setup.User> seedMembers(String roomId) throws Exception {
		Bench.log("myevents: seeding " + this.members + " members");
		List<String> names = new ArrayList<>();
		try (Database db = Database.open(this.bench)) {
			db.execute("users", """
					INSERT INTO users (username, email, password_hash)
					SELECT 'me-m' || i || '-%1$s', 'me-m' || i || '-%1$s@bench.example', '%2$s'
					FROM generate_series(0, %3$d) i""".formatted(this.run, Database.passwordHash(), this.members - 1));
			db.execute("memberships", """
					INSERT INTO memberships (room_id, user_id, last_read_seq)
					SELECT '%1$s', id, 0 FROM users WHERE username LIKE 'me-m%%-%2$s'""".formatted(roomId, this.run));
			db.execute("member count", """
					UPDATE rooms SET member_count = (SELECT count(*) FROM memberships WHERE room_id = '%1$s')
					WHERE id = '%1$s'""".formatted(roomId));
		}
		for (int i = 0; i < this.members; i++) {
			names.add("me-m" + i + "-" + this.run);
		}
		long start = System.nanoTime();
		List<Setup.User> users = this.bench.setup.login(names);
		Bench.log("myevents: " + users.size() + " members signed in in " + (System.nanoTime() - start) / 1_000_000
				+ " ms");
		return users;
	}

	/**
	 * Post a message a second until every subscriber has received one: then each
	 * subscription is live. The measured messages come after these.
	 */
	private void probe(Setup setup, Setup.User publisher, String roomId, List<Subscriber> subscribers)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		int probes = 0;
		while (System.nanoTime() < deadline) {
			setup.send(publisher, roomId, "probe " + probes++);
			Thread.sleep(1000);
			long live = subscribers.stream().filter((subscriber) -> subscriber.live).count();
			if (live == subscribers.size()) {
				this.baseline = setup.lastSeq(publisher, roomId);
				Bench.log("myevents: all " + live + " subscriptions live after " + probes + " probe messages");
				return;
			}
			Bench.log("myevents: " + live + " of " + subscribers.size() + " subscriptions live");
		}
		throw new IllegalStateException("the myEvents subscriptions did not all start");
	}

	/** The publisher's connection: sendMessage pipelined, answers counted. */
	private final class Publisher {

		final String roomId;

		WsClient client;

		Publisher(String roomId) {
			this.roomId = roomId;
		}

		void post(long sendNanos, long n) {
			this.client.write("{\"id\":\"" + n + "\",\"type\":\"subscribe\",\"payload\":{\"query\":"
					+ Json.quote(FanOut.SEND) + ",\"variables\":{\"i\":{\"roomId\":\"" + this.roomId
					+ "\",\"content\":\"" + sendNanos + " myevents message " + n + "\"}}}}");
		}

		void onMessage(WsClient client, String text) {
			boolean next = text.contains("\"type\":\"next\"");
			if (!next && !text.contains("\"type\":\"error\"")) {
				return;
			}
			MyEvents.this.answered.incrementAndGet();
			if (!next || text.contains("\"errors\"")) {
				if (MyEvents.this.sendErrors.incrementAndGet() <= 3) {
					Bench.log("send error: " + text);
				}
				return;
			}
			MyEvents.this.acknowledged.incrementAndGet();
		}

	}

	/** A member's connection; its fields are only touched on its event loop. */
	private final class Subscriber {

		WsClient client;

		volatile boolean live;

		private final BitSet seen = new BitSet();

		private long last;

		private long delivered;

		private long duplicated;

		private long outOfOrder;

		private long wrongUnread;

		volatile long deliveredVolatile;

		void onMessage(WsClient client, String text) {
			if (!text.contains("\"type\":\"next\"")) {
				if (text.contains("\"type\":\"error\"") || text.contains("\"type\":\"complete\"")) {
					if (MyEvents.this.subscriptionsEnded.incrementAndGet() <= 3) {
						Bench.log("subscription ended: " + text);
					}
				}
				return;
			}
			if (!text.contains("RoomActivity")) {
				return;
			}
			long now = System.nanoTime();
			this.live = true;
			int messageAt = text.indexOf("\"message\"");
			long seq = Json.number(text, "\"seq\":", messageAt);
			long baseline = MyEvents.this.baseline;
			if (seq <= baseline) {
				return;
			}
			long sentAt = Json.number(text, "\"content\":\"", messageAt);
			if (sentAt >= MyEvents.this.windowStart && sentAt < MyEvents.this.windowEnd) {
				MyEvents.this.histogram.get()
					.recordValue(Math.min((now - sentAt) / 1000, TimeUnit.SECONDS.toMicros(60)));
			}
			// The member's marker is 0 and every message is a publisher's.
			if (Json.number(text, "\"unreadCount\":", 0) != seq) {
				this.wrongUnread++;
			}
			int number = (int) (seq - baseline);
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
			this.deliveredVolatile = this.delivered;
		}

		long[] counts() {
			return new long[] { this.delivered, this.duplicated, this.outOfOrder, this.wrongUnread };
		}

	}

}
