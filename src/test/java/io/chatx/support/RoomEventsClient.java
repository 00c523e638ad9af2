package io.chatx.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed-in graphql-transport-ws connection with helpers for roomEvents.
 */
public final class RoomEventsClient implements AutoCloseable {

	public static final String ROOM_EVENTS = """
			subscription($id: ID!, $after: String) {
			  roomEvents(roomId: $id, after: $after) {
			    __typename
			    ... on MessagePosted { cursor message { seq content author { username } } }
			    ... on MemberJoined { roomId user { username } at }
			    ... on MemberLeft { roomId user { username } at }
			    ... on PresenceChanged { roomId user { username } online onlineCount at }
			    ... on RoomDeleted { roomId at }
			  }
			}""";

	public final RawWebSocket socket;

	public RoomEventsClient(URI uri, TestUser user) {
		this.socket = RawWebSocket.connectAs(uri, user);
	}

	/** Subscribe to a room's events under operation {@code id}. */
	public RoomEventsClient subscribe(String id, String roomId, String after) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("id", roomId);
		variables.put("after", after);
		this.socket.subscribe(id, ROOM_EVENTS, variables);
		return this;
	}

	/** The next roomEvents payload (skipping pings); fails on anything else. */
	public Map<String, Object> nextEvent() {
		Map<String, Object> message = this.socket.expect("next");
		return roomEvents(message);
	}

	/** The next event of one {@code __typename}, skipping others. */
	public Map<String, Object> next(String typename) {
		for (;;) {
			Map<String, Object> event = nextEvent();
			if (typename.equals(event.get("__typename"))) {
				return event;
			}
		}
	}

	/** Every event up to and including the {@code count}th MessagePosted. */
	public List<Map<String, Object>> eventsThroughMessages(int count) {
		List<Map<String, Object>> events = new ArrayList<>();
		int messages = 0;
		while (messages < count) {
			Map<String, Object> event = nextEvent();
			events.add(event);
			if ("MessagePosted".equals(event.get("__typename"))) {
				messages++;
			}
		}
		return events;
	}

	/** The seqs of the next {@code count} MessagePosted events, skipping other events. */
	public List<Long> messageSeqs(int count) {
		List<Long> seqs = new ArrayList<>();
		while (seqs.size() < count) {
			seqs.add(seq(next("MessagePosted")));
		}
		return seqs;
	}

	/** The next message, which must be of {@code type} (error, complete, ...). */
	public Map<String, Object> expect(String type) {
		return this.socket.expect(type);
	}

	/** No MessagePosted arrives within {@code quiet} (other events may). */
	public boolean noMessageWithin(Duration quiet) {
		long end = System.nanoTime() + quiet.toNanos();
		while (System.nanoTime() < end) {
			Map<String, Object> message = this.socket.next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
			if (message != null && "next".equals(message.get("type"))
					&& "MessagePosted".equals(roomEvents(message).get("__typename"))) {
				return false;
			}
		}
		return true;
	}

	/** No event at all arrives within {@code quiet} (pings aside). */
	public boolean noEventWithin(Duration quiet) {
		long end = System.nanoTime() + quiet.toNanos();
		while (System.nanoTime() < end) {
			Map<String, Object> message = this.socket.next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
			if (message != null && !"ping".equals(message.get("type")) && !"pong".equals(message.get("type"))) {
				return false;
			}
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> roomEvents(Map<String, Object> message) {
		Map<String, Object> payload = (Map<String, Object>) message.get("payload");
		Map<String, Object> data = (Map<String, Object>) payload.get("data");
		if (data == null || data.get("roomEvents") == null) {
			throw new AssertionError("No roomEvents in " + message);
		}
		return (Map<String, Object>) data.get("roomEvents");
	}

	@SuppressWarnings("unchecked")
	public static long seq(Map<String, Object> messagePosted) {
		return ((Number) ((Map<String, Object>) messagePosted.get("message")).get("seq")).longValue();
	}

	@SuppressWarnings("unchecked")
	public static String code(Map<String, Object> errorMessage) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) errorMessage.get("payload");
		return String.valueOf(((Map<String, Object>) errors.get(0).get("extensions")).get("code"));
	}

	public static Duration timeout() {
		return TestSupport.TIMEOUT;
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
