package io.chatx.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import reactor.core.Disposable;

import io.chatx.support.ChatxInstance;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.awaitility.Awaitility.await;

/**
 * One user's roomEvents subscription to one instance over a real WebSocket, recording
 * every event that arrives.
 */
final class RoomWatcher implements AutoCloseable {

	private static final String ROOM_EVENTS = """
			subscription($id: ID!, $after: String) {
			  roomEvents(roomId: $id, after: $after) {
			    __typename
			    ... on MessagePosted { cursor message { id roomId seq content sentAt clientMessageId } }
			    ... on MemberJoined { user { username } }
			    ... on MemberLeft { user { username } }
			    ... on PresenceChanged { user { username } online onlineCount }
			    ... on RoomDeleted { roomId }
			  }
			}""";

	private final WebSocketGraphQlTester tester;

	private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

	// System.nanoTime() of each event's arrival, by position.
	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final Disposable subscription;

	private volatile boolean ended;

	RoomWatcher(ChatxInstance instance, TestUser user, String roomId, String after) {
		this.tester = instance.client().webSocket(user);
		this.subscription = this.tester.document(ROOM_EVENTS)
			.variable("id", roomId)
			.variable("after", after)
			.executeSubscription()
			.toFlux("roomEvents", Map.class)
			.subscribe(this::record, (ex) -> this.ended = true, () -> this.ended = true);
	}

	/** Every event so far, oldest first. */
	List<Map<String, Object>> events() {
		return List.copyOf(this.events);
	}

	/** The MessagePosted events so far. */
	List<Map<String, Object>> messages() {
		return this.events.stream().filter((event) -> "MessagePosted".equals(event.get("__typename"))).toList();
	}

	/** The seqs of the messages so far, in arrival order. */
	List<Long> seqs() {
		return messages().stream().map(RoomWatcher::seq).toList();
	}

	/** Wait until {@code count} messages arrived (or more: the caller checks). */
	RoomWatcher awaitMessages(int count, Duration timeout) {
		await().atMost(timeout).until(() -> messages().size() >= count);
		return this;
	}

	/**
	 * Wait for an event that matches; returns when it arrived, as
	 * {@link System#nanoTime()}.
	 */
	long awaitEvent(Predicate<Map<String, Object>> match) {
		await().atMost(TestSupport.TIMEOUT).until(() -> this.events.stream().anyMatch(match));
		for (int i = 0;; i++) {
			if (match.test(this.events.get(i))) {
				return this.arrivals.get(i);
			}
		}
	}

	boolean hasEnded() {
		return this.ended;
	}

	@SuppressWarnings("unchecked")
	static long seq(Map<String, Object> messagePosted) {
		return ((Number) ((Map<String, Object>) messagePosted.get("message")).get("seq")).longValue();
	}

	/** A PresenceChanged of {@code username} to {@code online}. */
	@SuppressWarnings("unchecked")
	static Predicate<Map<String, Object>> presence(String username, boolean online) {
		return (event) -> "PresenceChanged".equals(event.get("__typename"))
				&& username.equals(((Map<String, Object>) event.get("user")).get("username"))
				&& Boolean.valueOf(online).equals(event.get("online"));
	}

	@SuppressWarnings("unchecked")
	private synchronized void record(Map event) {
		this.arrivals.add(System.nanoTime());
		this.events.add(event);
	}

	@Override
	public void close() {
		this.subscription.dispose();
		this.tester.stop().block(TestSupport.TIMEOUT);
	}

}
