package io.chatx.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections: N idle clients, each with a live roomEvents subscription; the server's
 * heap after a full GC and its resident memory, before and after, per connection. One
 * message per room at the end checks that every subscription is live.
 */
final class Connections {

	private static final String SUBSCRIPTION = "subscription($r: ID!) { roomEvents(roomId: $r) { __typename } }";

	private final Bench bench;

	private final int connections;

	private final int rooms;

	private final AtomicLong messages = new AtomicLong();

	Connections(Bench bench) {
		this.bench = bench;
		this.connections = bench.intOption("connections", 10_000);
		this.rooms = bench.intOption("rooms", 10);
	}

	String run() throws Exception {
		Setup setup = this.bench.setup;
		List<Setup.User> users = setup.users("idle", Math.min(this.connections, 20));
		List<String> roomIds = new ArrayList<>();
		for (int r = 0; r < this.rooms; r++) {
			roomIds.add(setup.createRoom(users.get(0), "idle-" + r));
		}
		// Warm the server's code paths, so that the measurement holds connections only.
		closeAll(open(200, users, roomIds, 0));
		Thread.sleep(2000);
		this.bench.serverGc();
		double heapBefore = setup.metric("jvm.memory.used", "area:heap");
		long rssBefore = this.bench.serverRss();
		Bench.log("connections: heap " + (long) heapBefore / 1024 + " KB, rss " + rssBefore / 1024 + " KB; opening "
				+ this.connections);

		long start = System.nanoTime();
		List<WsClient> clients = open(this.connections, users, roomIds, 1000);
		double seconds = (System.nanoTime() - start) / 1e9;
		int subscribed = (int) setup.metric("chatx.hub.subscribers", null);
		this.bench.serverGc();
		double heapAfter = setup.metric("jvm.memory.used", "area:heap");
		long rssAfter = this.bench.serverRss();
		this.bench.serverHistogram(this.bench.option("histogram", null));
		this.bench.serverHeapDump(this.bench.option("heap-dump", null));

		// Every subscription is live: one message per room reaches all of them.
		for (String roomId : roomIds) {
			setup.send(users.get(0), roomId, "ping");
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.messages.get() < this.connections && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		closeAll(clients);

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", "connections");
		result.put("connections", this.connections);
		result.put("subscribedOnServer", subscribed);
		result.put("connectSeconds", seconds);
		result.put("heapAfterGcBeforeMB", heapBefore / 1048576);
		result.put("heapAfterGcAfterMB", heapAfter / 1048576);
		result.put("rssBeforeMB", rssBefore / 1048576.0);
		result.put("rssAfterMB", rssAfter / 1048576.0);
		result.put("heapPerConnectionKB", (heapAfter - heapBefore) / this.connections / 1024);
		result.put("rssPerConnectionKB", (rssAfter - rssBefore) / (double) this.connections / 1024);
		result.put("liveCheckDelivered", this.messages.get());
		return Json.object(result);
	}

	private List<WsClient> open(int count, List<Setup.User> users, List<String> roomIds, int offset) throws Exception {
		List<WsClient> clients = new ArrayList<>();
		List<CompletableFuture<WsClient>> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String roomId = roomIds.get(i % roomIds.size());
			batch.add(
					WsClient
						.connect(this.bench.ws, this.bench.wsUri, this.bench.sourceHost(offset + i),
								users.get(i % users.size()).token(), this::onMessage)
						.thenApply((client) -> {
							client.subscribe("1", SUBSCRIPTION, "{\"r\":\"" + roomId + "\"}");
							return client;
						}));
			if (batch.size() == 250 || i == count - 1) {
				for (CompletableFuture<WsClient> pending : batch) {
					clients.add(pending.get(60, TimeUnit.SECONDS));
				}
				batch.clear();
			}
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.bench.setup.metric("chatx.hub.subscribers", null) < count && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		return clients;
	}

	private void onMessage(WsClient client, String text) {
		if (text.contains("MessagePosted")) {
			this.messages.incrementAndGet();
		}
	}

	private static void closeAll(List<WsClient> clients) throws InterruptedException {
		clients.forEach(WsClient::close);
		Thread.sleep(1000);
	}

}
