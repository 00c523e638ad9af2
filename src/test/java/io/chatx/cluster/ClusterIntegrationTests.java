package io.chatx.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxInstance;
import io.chatx.support.RawWebSocket;
import io.chatx.support.TestNats;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ChatX instances on one PostgreSQL and one real nats-server: every message reaches
 * every subscriber on either instance exactly once and in order, also across a NATS
 * outage, and a cursor from one instance resumes on the other.
 */
class ClusterIntegrationTests {

	private static final int SENDERS = 4;

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	private static TestNats nats;

	private static ChatxInstance a;

	private static ChatxInstance b;

	private final List<AutoCloseable> opened = new ArrayList<>();

	private final ExecutorService pool = Executors.newFixedThreadPool(SENDERS);

	@BeforeAll
	static void startCluster() {
		nats = TestNats.shared();
		a = ChatxInstance.start(Cluster.args(nats.url()));
		b = ChatxInstance.start(Cluster.args(nats.url()));
	}

	@AfterAll
	static void stopCluster() {
		b.close();
		a.close();
	}

	@BeforeEach
	void bothConnected() {
		nats.start();
		Cluster.awaitHealth(a, "UP");
		Cluster.awaitHealth(b, "UP");
	}

	@AfterEach
	void closeWatchers() throws Exception {
		this.pool.shutdownNow();
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
	}

	@Test
	void everySubscriberOnEitherInstanceGetsEveryMessageOnceInSeqOrder() throws Exception {
		Chat chat = chat();
		int perSender = 25;
		List<Future<?>> sends = new ArrayList<>();
		for (int s = 0; s < SENDERS; s++) {
			int sender = s;
			sends.add(this.pool.submit(() -> {
				for (int k = 1; k <= perSender; k++) {
					chat.send(sender, "s" + sender + "-" + k);
				}
			}));
		}
		awaitAll(sends);
		long total = chat.fence();
		assertThat(total).isEqualTo(SENDERS * perSender + 1);
		chat.assertEveryWatcherGotOneToTotalInOrder(total, TestSupport.TIMEOUT);
		// Each sender's messages in the order they
		// were sent, and the same message everywhere.
		for (RoomWatcher watcher : chat.watchers) {
			for (int s = 0; s < SENDERS; s++) {
				String prefix = "s" + s + "-";
				assertThat(contents(watcher).stream().filter((c) -> c.startsWith(prefix)).toList())
					.containsExactlyElementsOf(
							LongStream.rangeClosed(1, perSender).mapToObj((k) -> prefix + k).toList());
			}
			assertThat(watcher.messages()).isEqualTo(chat.watchers.get(0).messages());
		}
	}

	@Test
	void aNatsOutageDelaysMessagesButNeverLosesOrReordersThem() throws Exception {
		Chat chat = chat();
		double gapsA = Cluster.gapFills(a);
		double gapsB = Cluster.gapFills(b);
		AtomicBoolean sending = new AtomicBoolean(true);
		AtomicBoolean natsDown = new AtomicBoolean();
		AtomicInteger sentWhileDown = new AtomicInteger();
		List<Future<?>> sends = new ArrayList<>();
		for (int s = 0; s < SENDERS; s++) {
			int sender = s;
			sends.add(this.pool.submit(() -> {
				for (int k = 1; sending.get(); k++) {
					chat.send(sender, "s" + sender + "-" + k);
					if (natsDown.get()) {
						sentWhileDown.incrementAndGet();
					}
					sleep(Duration.ofMillis(20));
				}
			}));
		}
		sleep(Duration.ofSeconds(1));
		nats.kill();
		natsDown.set(true);
		long killedAt = System.nanoTime();
		// Degraded, not down: each instance still serves its own clients.
		Cluster.awaitHealth(a, "DEGRADED");
		Cluster.awaitHealth(b, "DEGRADED");
		Cluster.assertReady(a);
		sleep(OUTAGE.minusNanos(System.nanoTime() - killedAt));
		natsDown.set(false);
		nats.start();
		Cluster.awaitHealth(a, "UP");
		Cluster.awaitHealth(b, "UP");
		sleep(Duration.ofSeconds(1));
		sending.set(false);
		awaitAll(sends);
		long total = chat.fence();
		assertThat(sentWhileDown.get()).as("messages sent while NATS was down").isGreaterThan(SENDERS);
		chat.assertEveryWatcherGotOneToTotalInOrder(total, TestSupport.TIMEOUT);
		// What NATS lost came from the database, on both instances.
		assertThat(Cluster.gapFills(a)).isGreaterThan(gapsA);
		assertThat(Cluster.gapFills(b)).isGreaterThan(gapsB);
		assertThat(Cluster.prometheus(a)).contains("chatx_nats_connected 1.0")
			.containsPattern("chatx_nats_reconnects_total [1-9]");
	}

	@Test
	void messagesAndDeletionsWhoseEventsWereLostAreFoundInTheDatabase() {
		TestUser owner = a.client().register();
		String room = a.fixtures().publicRoom(owner);
		String doomed = a.fixtures().publicRoom(owner);
		List<RoomWatcher> watchers = List.of(watch(new RoomWatcher(a, owner, room, null)),
				watch(new RoomWatcher(b, owner, room, null)));
		List<RoomWatcher> doomedWatchers = List.of(watch(new RoomWatcher(a, owner, doomed, null)),
				watch(new RoomWatcher(b, owner, doomed, null)));
		Cluster.awaitOnline(b, owner, room, Set.of(owner.username()));
		Cluster.awaitOnline(b, owner, doomed, Set.of(owner.username()));
		// Committed, but no event went anywhere (as when the sender's NATS message is
		// lost), and no later message shows a gap: the tail checks must find both.
		DatabaseClient db = a.bean(DatabaseClient.class);
		ChatFixtures.insertMessages(db, room, owner.id(), 3);
		db.sql("DELETE FROM rooms WHERE id = :id")
			.bind("id", UUID.fromString(doomed))
			.then()
			.block(TestSupport.TIMEOUT);
		for (RoomWatcher watcher : watchers) {
			assertThat(watcher.awaitMessages(3, TestSupport.TIMEOUT).seqs()).containsExactly(1L, 2L, 3L);
		}
		for (RoomWatcher watcher : doomedWatchers) {
			await().atMost(TestSupport.TIMEOUT).until(watcher::hasEnded);
			assertThat(watcher.events()).last().extracting((event) -> event.get("__typename")).isEqualTo("RoomDeleted");
		}
	}

	@Test
	void resumesOnOneInstanceWithACursorFromTheOther() {
		TestUser owner = a.client().register();
		String room = a.fixtures().publicRoom(owner);
		RoomWatcher onA = watch(new RoomWatcher(a, owner, room, null));
		Cluster.awaitOnline(a, owner, room, Set.of(owner.username()));
		for (int i = 1; i <= 5; i++) {
			a.fixtures().send(owner, room, "m" + i);
		}
		String cursor = (String) onA.awaitMessages(5, TestSupport.TIMEOUT).messages().get(2).get("cursor");
		RoomWatcher onB = watch(new RoomWatcher(b, owner, room, cursor));
		onB.awaitMessages(2, TestSupport.TIMEOUT);
		a.fixtures().send(owner, room, "m6");
		assertThat(onB.awaitMessages(3, TestSupport.TIMEOUT).seqs()).containsExactly(4L, 5L, 6L);
	}

	@Test
	void roomAndRoomListEventsReachTheOtherInstance() {
		TestUser owner = a.client().register();
		TestUser bob = a.client().register();
		List<Map<String, Object>> roomList = new CopyOnWriteArrayList<>();
		WebSocketGraphQlTester listOnB = b.client().webSocket(bob);
		this.opened.add(listOnB.document("""
				subscription {
				  roomListEvents { __typename ... on RoomCreated { room { id } } ... on RoomDeleted { roomId } }
				}""")
			.executeSubscription()
			.toFlux("roomListEvents", Map.class)
			.subscribe((event) -> roomList.add(event))::dispose);
		this.opened.add(() -> listOnB.stop().block(TestSupport.TIMEOUT));
		// Rooms created until B's room list subscription sees one: it is in place.
		await().atMost(TestSupport.TIMEOUT).until(() -> {
			a.fixtures().publicRoom(owner);
			return !roomList.isEmpty();
		});
		String room = a.fixtures().publicRoom(owner);
		RoomWatcher onB = watch(new RoomWatcher(b, owner, room, null));
		Cluster.awaitOnline(a, owner, room, Set.of(owner.username()));
		a.fixtures().join(bob, room);
		a.client()
			.as(bob)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", room)
			.execute()
			.errors()
			.verify();
		a.client()
			.as(owner)
			.document("mutation($id: ID!) { deleteRoom(roomId: $id) }")
			.variable("id", room)
			.execute()
			.errors()
			.verify();
		await().atMost(TestSupport.TIMEOUT).until(onB::hasEnded);
		assertThat(onB.events()).extracting((event) -> event.get("__typename"))
			.containsSubsequence("MemberJoined", "MemberLeft", "RoomDeleted")
			.last()
			.isEqualTo("RoomDeleted");
		await().atMost(TestSupport.TIMEOUT)
			.until(() -> roomList.contains(Map.of("__typename", "RoomDeleted", "roomId", room)));
		assertThat(roomList).contains(Map.of("__typename", "RoomCreated", "room", Map.of("id", room)));
	}

	@Test
	void leavingAPrivateRoomOnOneInstanceEndsTheLeaversSubscriptionOnTheOther() {
		TestUser owner = a.client().register();
		TestUser leaver = a.client().register();
		String room = a.fixtures().privateRoom(owner, "sesame");
		a.fixtures().join(leaver, room, "sesame");
		RoomWatcher stays = watch(new RoomWatcher(b, owner, room, null));
		try (RawWebSocket leaves = RawWebSocket.connectAs(b.client().webSocketUri(), leaver)) {
			leaves.subscribe("1", "subscription($id: ID!) { roomEvents(roomId: $id) { __typename } }",
					Map.of("id", room));
			Cluster.awaitOnline(a, owner, room, Set.of(owner.username(), leaver.username()));
			a.client()
				.as(leaver)
				.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
				.variable("id", room)
				.execute()
				.path("leaveRoom")
				.entity(Boolean.class)
				.isEqualTo(true);
			Map<String, Object> error = nextError(leaves);
			assertThat(error).containsEntry("id", "1");
			assertThat(error.get("payload").toString()).contains("code=FORBIDDEN");
			a.fixtures().send(owner, room, "after the leave");
			stays.awaitMessages(1, TestSupport.TIMEOUT);
			Map<String, Object> later = leaves.next(Duration.ofMillis(500));
			assertThat(later == null || "ping".equals(later.get("type"))).as("no event after the error: " + later)
				.isTrue();
		}
	}

	@Test
	void aLeaveWhoseEventWasLostIsFoundInTheDatabase() {
		TestUser owner = a.client().register();
		TestUser leaver = a.client().register();
		String room = a.fixtures().privateRoom(owner, "sesame");
		a.fixtures().join(leaver, room, "sesame");
		RoomWatcher stays = watch(new RoomWatcher(b, owner, room, null));
		String roomEvents = "subscription($id: ID!) { roomEvents(roomId: $id) { __typename } }";
		try (RawWebSocket onA = RawWebSocket.connectAs(a.client().webSocketUri(), leaver);
				RawWebSocket onB = RawWebSocket.connectAs(b.client().webSocketUri(), leaver)) {
			onA.subscribe("1", roomEvents, Map.of("id", room));
			onB.subscribe("1", roomEvents, Map.of("id", room));
			Cluster.awaitOnline(a, owner, room, Set.of(owner.username(), leaver.username()));
			Cluster.awaitOnline(b, owner, room, Set.of(owner.username(), leaver.username()));
			// The membership ends, but no event goes anywhere
			// (as when NATS loses it): the tail checks must find it.
			a.bean(DatabaseClient.class)
				.sql("DELETE FROM memberships WHERE room_id = :room AND user_id = :user")
				.bind("room", UUID.fromString(room))
				.bind("user", UUID.fromString(leaver.id()))
				.then()
				.block(TestSupport.TIMEOUT);
			for (RawWebSocket socket : List.of(onA, onB)) {
				assertThat(nextError(socket).get("payload").toString()).contains("code=FORBIDDEN");
			}
			a.fixtures().send(owner, room, "members only");
			assertThat(stays.awaitMessages(1, TestSupport.TIMEOUT).seqs()).containsExactly(1L);
		}
	}

	// The error that ends a subscription, after the events that came before it.
	private static Map<String, Object> nextError(RawWebSocket socket) {
		for (;;) {
			Map<String, Object> message = socket.next(TestSupport.TIMEOUT);
			assertThat(message).as("a message before the timeout").isNotNull();
			if ("error".equals(message.get("type"))) {
				return message;
			}
			assertThat(message.get("type")).as(message.toString()).isIn("next", "ping");
		}
	}

	private Chat chat() {
		TestUser owner = a.client().register();
		String room = a.fixtures().publicRoom(owner);
		List<TestUser> senders = new ArrayList<>();
		for (int s = 0; s < SENDERS; s++) {
			TestUser sender = instance(s).client().register();
			instance(s).fixtures().join(sender, room);
			senders.add(sender);
		}
		List<RoomWatcher> watchers = new ArrayList<>();
		Set<String> readers = new HashSet<>();
		for (int w = 0; w < 4; w++) {
			TestUser reader = a.client().register();
			readers.add(reader.username());
			watchers.add(watch(new RoomWatcher(instance(w), reader, room, null)));
		}
		// Everyone is online on both instances: the
		// subscriptions are in place everywhere.
		Cluster.awaitOnline(a, owner, room, readers);
		Cluster.awaitOnline(b, owner, room, readers);
		return new Chat(room, senders, watchers);
	}

	private RoomWatcher watch(RoomWatcher watcher) {
		this.opened.add(watcher);
		return watcher;
	}

	private static ChatxInstance instance(int index) {
		return (index % 2 == 0) ? a : b;
	}

	private static List<String> contents(RoomWatcher watcher) {
		return watcher.messages()
			.stream()
			.map((event) -> (String) ((Map<?, ?>) event.get("message")).get("content"))
			.toList();
	}

	private static void awaitAll(List<Future<?>> sends) throws Exception {
		for (Future<?> send : sends) {
			send.get(TestSupport.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private static void sleep(Duration duration) {
		if (duration.isNegative()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A room with a sender on each instance in turn and watchers on both. */
	private record Chat(String room, List<TestUser> senders, List<RoomWatcher> watchers) {

		void send(int sender, String content) {
			instance(sender).fixtures().send(this.senders.get(sender), this.room, content);
		}

		/**
		 * One last message: anything duplicated before it would show. Returns its seq.
		 */
		long fence() {
			return b.fixtures().send(this.senders.get(1), this.room, "fence");
		}

		void assertEveryWatcherGotOneToTotalInOrder(long total, Duration timeout) {
			List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
			for (RoomWatcher watcher : this.watchers) {
				watcher.awaitMessages((int) total, timeout);
				assertThat(watcher.seqs()).containsExactlyElementsOf(expected);
			}
		}

	}

}
