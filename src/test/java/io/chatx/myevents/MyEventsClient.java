package io.chatx.myevents;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chatx.support.RawWebSocket;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import static org.awaitility.Awaitility.await;

/**
 * A signed-in graphql-transport-ws connection holding one {@code myEvents} subscription.
 */
final class MyEventsClient implements AutoCloseable {

	static final String MY_EVENTS = """
			subscription {
			  myEvents {
			    __typename
			    ... on RoomActivity {
			      room { id kind name joined memberCount lastSeq lastReadSeq unreadCount lastMessage { seq content } }
			      message { seq content author { username } }
			    }
			    ... on ReadStateChanged { room { id lastReadSeq unreadCount } }
			    ... on MembershipChanged { roomId reason changedRoom: room { id kind name joined lastReadSeq unreadCount memberCount } }
			  }
			}""";

	final RawWebSocket socket;

	private MyEventsClient(URI uri, TestUser user) {
		this.socket = RawWebSocket.connectAs(uri, user);
		this.socket.subscribe("my", MY_EVENTS, Map.of());
	}

	/** Subscribe, and wait until the hub tracks (with state read) {@code rooms}. */
	static MyEventsClient open(URI uri, TestUser user, MyEventsHub hub, String... rooms) {
		MyEventsClient client = new MyEventsClient(uri, user);
		try {
			awaitTracked(hub, user, rooms);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("Not tracked; the server said " + client.socket.next(Duration.ofSeconds(1)), ex);
		}
		return client;
	}

	/** Wait until every stream of the user on {@code hub} tracks {@code rooms}. */
	static void awaitTracked(MyEventsHub hub, TestUser user, String... rooms) {
		Set<UUID> ids = Set.of(rooms).stream().map(UUID::fromString).collect(java.util.stream.Collectors.toSet());
		UUID userId = UUID.fromString(user.id());
		await().atMost(TestSupport.TIMEOUT).until(() -> {
			List<Set<UUID>> streams = hub.loadedRooms(userId);
			return !streams.isEmpty() && streams.stream().allMatch((loaded) -> loaded.containsAll(ids));
		});
	}

	/** The next myEvents payload (skipping pings); fails on anything else. */
	Map<String, Object> next() {
		return myEvents(this.socket.expect("next"));
	}

	/** The next event, which must be of {@code typename}. */
	Map<String, Object> next(String typename) {
		Map<String, Object> event = next();
		if (!typename.equals(event.get("__typename"))) {
			throw new AssertionError("Expected " + typename + " but got " + event);
		}
		return event;
	}

	/** Nothing at all arrives within {@code quiet} (pings aside). */
	boolean noEventWithin(Duration quiet) {
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
	static Map<String, Object> myEvents(Map<String, Object> message) {
		Map<String, Object> payload = (Map<String, Object>) message.get("payload");
		Map<String, Object> data = (Map<String, Object>) payload.get("data");
		if (data == null || data.get("myEvents") == null) {
			throw new AssertionError("No myEvents in " + message);
		}
		return (Map<String, Object>) data.get("myEvents");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> room(Map<String, Object> event) {
		// MembershipChanged.room is nullable, the others' not: an alias tells them apart.
		return (Map<String, Object>) (event.containsKey("changedRoom") ? event.get("changedRoom") : event.get("room"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> message(Map<String, Object> event) {
		return (Map<String, Object>) event.get("message");
	}

	static long number(Map<String, Object> map, String key) {
		return ((Number) map.get(key)).longValue();
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
