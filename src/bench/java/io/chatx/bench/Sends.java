package io.chatx.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Persisted sends: P publishers, each keeping W {@code sendMessage} mutations in flight
 * (closed loop), into R rooms; then a check that every room's seqs are 1..n without a
 * gap.
 */
final class Sends {

	private final Bench bench;

	private final int rooms;

	private final int publishers;

	private final int window;

	private final int warmup;

	private final int duration;

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong ackedInWindow = new AtomicLong();

	private volatile long windowStart = Long.MAX_VALUE;

	private volatile long windowEnd = Long.MAX_VALUE;

	private volatile boolean stopping;

	// Where to dump the server's heap when a publisher stalls (null: no dump).
	private final String heapDumpOnStall;

	Sends(Bench bench) {
		this.bench = bench;
		this.rooms = bench.intOption("rooms", 10);
		this.publishers = bench.intOption("publishers", 20);
		this.window = bench.intOption("window", 32);
		this.warmup = bench.intOption("warmup", 20);
		this.duration = bench.intOption("duration", 30);
		this.heapDumpOnStall = bench.option("heap-dump-on-stall", null);
	}

	String run() throws Exception {
		Setup setup = this.bench.setup;
		List<Setup.User> users = setup.users("sender", this.publishers);
		List<String> roomIds = new ArrayList<>();
		for (int r = 0; r < this.rooms; r++) {
			roomIds.add(setup.createRoom(users.get(r % users.size()), "sends-" + r));
		}
		List<Publisher> list = new ArrayList<>();
		for (int p = 0; p < this.publishers; p++) {
			int room = p % this.rooms;
			setup.join(users.get(p), roomIds.get(room));
			Publisher publisher = new Publisher(p, roomIds.get(room));
			publisher.client = WsClient
				.connect(this.bench.ws, this.bench.wsUri, this.bench.sourceHost(p), users.get(p).token(),
						publisher::onMessage)
				.get(30, TimeUnit.SECONDS);
			list.add(publisher);
		}
		Bench.log("sends: " + this.publishers + " publishers x " + this.window + " in flight into " + this.rooms
				+ " rooms for " + this.warmup + "+" + this.duration + " s");
		long start = System.nanoTime();
		this.windowStart = start + TimeUnit.SECONDS.toNanos(this.warmup);
		this.windowEnd = this.windowStart + TimeUnit.SECONDS.toNanos(this.duration);
		for (Publisher publisher : list) {
			publisher.client.channel().eventLoop().execute(publisher::start);
		}
		Thread.sleep(TimeUnit.NANOSECONDS.toMillis(this.windowStart - System.nanoTime()));
		Bench.CpuMark cpu0 = this.bench.cpuMark();
		Thread.sleep(TimeUnit.NANOSECONDS.toMillis(this.windowEnd - System.nanoTime()));
		long windowNanos = System.nanoTime() - this.windowStart;
		Map<String, Object> cpu = this.bench.cpuSince(cpu0);
		this.stopping = true;
		Thread.sleep(3000);

		// Gapless: per room, the acknowledged seqs are exactly 1..lastSeq.
		Map<String, BitSet> seqs = new LinkedHashMap<>();
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		long acked = 0;
		long unansweredSends = 0;
		int stalledPublishers = 0;
		for (Publisher publisher : list) {
			Object[] state = publisher.client.channel().eventLoop().submit(publisher::state).get();
			seqs.computeIfAbsent(publisher.roomId, (id) -> new BitSet()).or((BitSet) state[0]);
			latency.add((Histogram) state[1]);
			acked += (Long) state[2];
			int unanswered = (Integer) state[3];
			unansweredSends += unanswered;
			stalledPublishers += (unanswered > 0) ? 1 : 0;
		}
		if (stalledPublishers > 0 && this.heapDumpOnStall != null) {
			Thread.sleep(2000);
			Bench.log("dumping the server's heap to " + this.heapDumpOnStall);
			this.bench.serverHeapDump(this.heapDumpOnStall);
		}
		boolean gapless = true;
		long stored = 0;
		for (int r = 0; r < this.rooms; r++) {
			BitSet room = seqs.get(roomIds.get(r));
			long last = setup.lastSeq(users.get(r % users.size()), roomIds.get(r));
			stored += last;
			gapless &= room.cardinality() == last && room.length() - 1 == last && !room.get(0);
		}
		list.forEach((publisher) -> publisher.client.close());

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", "sends");
		result.put("rooms", this.rooms);
		result.put("publishers", this.publishers);
		result.put("inFlightPerPublisher", this.window);
		result.put("seconds", this.duration);
		result.put("acknowledged", acked);
		result.put("stored", stored);
		result.put("errors", this.errors.get());
		result.put("sendsPerSecond", this.ackedInWindow.get() / (windowNanos / 1e9));
		result.put("gapless", gapless);
		// Sends never answered, 3 s after the last
		// was sent, and the connections they were on.
		result.put("unansweredSends", unansweredSends);
		result.put("stalledPublishers", stalledPublishers);
		Map<String, Object> ms = new LinkedHashMap<>();
		ms.put("p50", latency.getValueAtPercentile(50) / 1000.0);
		ms.put("p99", latency.getValueAtPercentile(99) / 1000.0);
		ms.put("max", latency.getMaxValue() / 1000.0);
		result.put("ackLatencyMs", ms);
		result.put("cpuCores", cpu);
		return Json.object(result);
	}

	/** A sender connection; all its state lives on its event loop. */
	private final class Publisher {

		final int index;

		final String roomId;

		WsClient client;

		private final BitSet seqs = new BitSet();

		private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);

		private final Map<Long, Long> started = new java.util.HashMap<>();

		private long ids;

		private long acked;

		private long lastFrameAt;

		Publisher(int index, String roomId) {
			this.index = index;
			this.roomId = roomId;
		}

		void start() {
			for (int i = 0; i < Sends.this.window; i++) {
				write();
			}
			this.client.flush();
		}

		private void write() {
			long id = ++this.ids;
			this.started.put(id, System.nanoTime());
			this.client
				.write("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":" + Json.quote(FanOut.SEND)
						+ ",\"variables\":{\"i\":{\"roomId\":\"" + this.roomId + "\",\"content\":\"persisted send " + id
						+ "\",\"clientMessageId\":\"s" + this.index + "-" + id + "\"}}}}");
		}

		void onMessage(WsClient client, String text) {
			if (text.contains("\"type\":\"pong\"")) {
				Bench.log("publisher " + this.index + ": pong");
				return;
			}
			this.lastFrameAt = System.nanoTime();
			if (text.contains("\"type\":\"complete\"")) {
				return;
			}
			long now = System.nanoTime();
			long id = Json.number(text, "\"id\":", 0);
			Long began = this.started.remove(id);
			long seq = Json.number(text, "\"seq\":", 0);
			if (text.contains("\"errors\"") || text.contains("\"type\":\"error\"") || seq < 0) {
				if (Sends.this.errors.incrementAndGet() <= 3) {
					Bench.log("send error: " + text);
				}
			}
			else {
				this.seqs.set((int) seq);
				this.acked++;
				if (began != null && now >= Sends.this.windowStart && now < Sends.this.windowEnd) {
					Sends.this.ackedInWindow.incrementAndGet();
					this.latency.recordValue(Math.min((now - began) / 1000, TimeUnit.SECONDS.toMicros(60)));
				}
			}
			if (!Sends.this.stopping) {
				write();
				this.client.flush();
			}
		}

		Object[] state() {
			// Sends still waiting here were never answered: say when,
			// and whether the server still answers a ping on this
			// connection, to tell a server stall from the generator's.
			if (!this.started.isEmpty()) {
				long firstSent = this.started.values().stream().mapToLong(Long::longValue).min().getAsLong();
				Bench.log("publisher " + this.index + ": " + this.started.size() + " of " + this.ids
						+ " sends unanswered, the first sent " + (firstSent - Sends.this.windowStart) / 1_000_000
						+ " ms into the window; last frame received "
						+ (this.lastFrameAt - Sends.this.windowStart) / 1_000_000 + " ms into it; connection open: "
						+ this.client.isOpen() + " (local address " + this.client.channel().localAddress()
						+ "); pinging");
				this.client.send("{\"type\":\"ping\"}");
			}
			return new Object[] { this.seqs, this.latency, this.acked, this.started.size() };
		}

	}

}
