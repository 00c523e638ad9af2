package io.chatx.message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatx.support.ChatxClient;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The lifecycle mutations over HTTP, and the change log as stored, for the tests of
 * message changes.
 */
final class Lifecycle {

	static final String MESSAGE_FIELDS = """
			id seq content editedAt deleted replyTo { id content deleted }
			reactions { emoji count mine users { id } }""";

	static final String EDIT = "mutation($input: EditMessageInput!) { editMessage(input: $input) { " + MESSAGE_FIELDS
			+ " } }";

	static final String DELETE = "mutation($id: ID!) { deleteMessage(messageId: $id) { " + MESSAGE_FIELDS + " } }";

	static final String ADD = "mutation($id: ID!, $emoji: String!) { addReaction(messageId: $id, emoji: $emoji) { "
			+ MESSAGE_FIELDS + " } }";

	static final String REMOVE = "mutation($id: ID!, $emoji: String!) { removeReaction(messageId: $id, emoji: $emoji) { "
			+ MESSAGE_FIELDS + " } }";

	static final String SEND = "mutation($input: SendMessageInput!) { sendMessage(input: $input) { " + MESSAGE_FIELDS
			+ " } }";

	private final ChatxClient client;

	private final DatabaseClient db;

	Lifecycle(ChatxClient client, DatabaseClient db) {
		this.client = client;
		this.db = db;
	}

	/** Post and return the message's id. */
	String post(TestUser author, String roomId, String content) {
		return send(author, Map.of("roomId", roomId, "content", content)).path("sendMessage.id")
			.entity(String.class)
			.get();
	}

	GraphQlTester.Response send(TestUser author, Map<String, Object> input) {
		return this.client.as(author).document(SEND).variable("input", new HashMap<>(input)).execute();
	}

	GraphQlTester.Response edit(TestUser user, String messageId, String content) {
		return this.client.as(user)
			.document(EDIT)
			.variable("input", Map.of("messageId", messageId, "content", content))
			.execute();
	}

	GraphQlTester.Response delete(TestUser user, String messageId) {
		return this.client.as(user).document(DELETE).variable("id", messageId).execute();
	}

	GraphQlTester.Response add(TestUser user, String messageId, String emoji) {
		return this.client.as(user).document(ADD).variable("id", messageId).variable("emoji", emoji).execute();
	}

	GraphQlTester.Response remove(TestUser user, String messageId, String emoji) {
		return this.client.as(user).document(REMOVE).variable("id", messageId).variable("emoji", emoji).execute();
	}

	/** The room's change number. */
	long lastChange(String roomId) {
		return this.db.sql("SELECT last_change FROM rooms WHERE id = :id")
			.bind("id", UUID.fromString(roomId))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
	}

	/** The room's change log, in change order. */
	List<LoggedChange> log(String roomId) {
		return this.db
			.sql("SELECT change, kind, message_id, user_id, emoji, seq_at FROM room_changes WHERE room_id = :id"
					+ " ORDER BY change")
			.bind("id", UUID.fromString(roomId))
			.map((row) -> new LoggedChange(row.get("change", Long.class), row.get("kind", String.class),
					row.get("message_id", UUID.class), row.get("user_id", UUID.class), row.get("emoji", String.class),
					row.get("seq_at", Long.class)))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT);
	}

	record LoggedChange(long change, String kind, UUID messageId, UUID userId, String emoji, long seqAt) {
	}

}
