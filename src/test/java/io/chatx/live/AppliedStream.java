package io.chatx.live;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.chatx.message.MessageCursor;
import io.chatx.support.RawWebSocket;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of a room's change stream as an application would be one: it subscribes to
 * roomEvents (from a cursor or not), applies every change event to what it knows (each
 * event replaces its message by id), and fails when an event does not come after the one
 * before it in change order (a duplicate or a reordering).
 */
public final class AppliedStream implements AutoCloseable {

	static final String MESSAGE = "id seq content editedAt deleted reactions { emoji count users { id } }";

	static final String CHANGES = """
			subscription($id: ID!, $after: String) {
			  roomEvents(roomId: $id, after: $after) {
			    __typename
			    ... on MessagePosted { cursor message { %1$s } }
			    ... on MessageEdited { cursor message { %1$s } }
			    ... on MessageDeleted { cursor message { %1$s } }
			    ... on ReactionChanged { cursor emoji added user { id } message { %1$s } }
			    ... on PresenceChanged { user { username } online }
			  }
			}""".formatted(MESSAGE);

	private final RawWebSocket socket;

	private final UUID roomId;

	private final TestUser user;

	private final Map<String, Map<String, Object>> state;

	private long lastChange = -1;

	private String cursor;

	private String lastType;

	private int applied;

	private long lastPostedSeq;

	/**
	 * Subscribe as {@code user} after {@code after} (or from now when null), knowing
	 * {@code state} (messages by id) at that cursor.
	 */
	public AppliedStream(URI webSocket, TestUser user, String roomId, String after,
			Map<String, Map<String, Object>> state) {
		this.socket = RawWebSocket.connectAs(webSocket, user);
		this.roomId = UUID.fromString(roomId);
		this.user = user;
		this.state = new LinkedHashMap<>(state);
		this.cursor = after;
		Map<String, Object> variables = new HashMap<>();
		variables.put("id", roomId);
		variables.put("after", after);
		this.socket.subscribe("changes", CHANGES, variables);
	}

	/**
	 * Read until this subscriber's own arrival is announced: the subscription is live
	 * (replayed events come before it and are applied).
	 */
	public AppliedStream awaitLive() {
		for (;;) {
			Map<String, Object> event = next();
			if ("PresenceChanged".equals(event.get("__typename")) && Boolean.TRUE.equals(event.get("online"))
					&& Map.of("username", this.user.username()).equals(event.get("user"))) {
				return this;
			}
		}
	}

	/** Read and apply until the change {@code change} has been applied. */
	public AppliedStream applyThrough(long change) {
		while (this.lastChange < change) {
			next();
		}
		assertThat(this.lastChange).as("the last change applied").isEqualTo(change);
		return this;
	}

	/** Read and apply {@code count} change events. */
	public AppliedStream apply(int count) {
		int until = this.applied + count;
		while (this.applied < until) {
			next();
		}
		return this;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> next() {
		Map<String, Object> event = RoomEventsClient.roomEvents(this.socket.expect("next"));
		if (event.get("cursor") instanceof String eventCursor) {
			long change = MessageCursor.position(eventCursor, this.roomId).change();
			assertThat(change).as("change of %s after %s", event.get("__typename"), this.lastChange)
				.isGreaterThan(this.lastChange);
			Map<String, Object> message = (Map<String, Object>) event.get("message");
			this.state.put((String) message.get("id"), message);
			this.lastChange = change;
			this.cursor = eventCursor;
			this.lastType = (String) event.get("__typename");
			if ("MessagePosted".equals(this.lastType)) {
				this.lastPostedSeq = ((Number) message.get("seq")).longValue();
			}
			this.applied++;
		}
		return event;
	}

	/** What this client knows: its messages by id. */
	public Map<String, Map<String, Object>> state() {
		return Map.copyOf(this.state);
	}

	/** The cursor of the last event applied (or the one it started from). */
	public String cursor() {
		return this.cursor;
	}

	public long lastChange() {
		return this.lastChange;
	}

	/** The seq of the message of the last MessagePosted applied. */
	public long lastPostedSeq() {
		return this.lastPostedSeq;
	}

	/** The type of the last change event applied. */
	public String lastType() {
		return this.lastType;
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
