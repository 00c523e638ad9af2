package io.chatx.support;

import java.util.Map;
import java.util.UUID;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms and messages set up for tests that are about something else, through the API
 * unless a method says otherwise.
 */
public final class ChatFixtures {

	public static final String CREATE_ROOM = """
			mutation($input: CreateRoomInput!) { createRoom(input: $input) { id } }""";

	public static final String JOIN_ROOM = """
			mutation($id: ID!, $password: String) { joinRoom(roomId: $id, password: $password) { id } }""";

	public static final String SEND = """
			mutation($input: SendMessageInput!) {
			  sendMessage(input: $input) { id roomId seq content clientMessageId sentAt author { id username } }
			}""";

	private final ChatxClient client;

	private final int port;

	public ChatFixtures(int port) {
		this.client = new ChatxClient(port);
		this.port = port;
	}

	public ChatxClient client() {
		return this.client;
	}

	/** A public room with a unique name; returns its id. */
	public String publicRoom(TestUser owner) {
		return createRoom(owner, Map.of("name", TestSupport.unique("room")));
	}

	public String privateRoom(TestUser owner, String password) {
		return createRoom(owner, Map.of("name", TestSupport.unique("secret"), "private", true, "password", password));
	}

	public String createRoom(TestUser owner, Map<String, Object> input) {
		return this.client.as(owner)
			.document(CREATE_ROOM)
			.variable("input", input)
			.execute()
			.errors()
			.verify()
			.path("createRoom.id")
			.entity(String.class)
			.get();
	}

	public void join(TestUser user, String roomId) {
		join(user, roomId, null);
	}

	public void join(TestUser user, String roomId, String password) {
		this.client.as(user)
			.document(JOIN_ROOM)
			.variable("id", roomId)
			.variable("password", password)
			.execute()
			.errors()
			.verify();
	}

	public GraphQlTester.Response send(TestUser user, String roomId, String content, String clientMessageId) {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("roomId", roomId, "content", content));
		input.put("clientMessageId", clientMessageId);
		return this.client.as(user).document(SEND).variable("input", input).execute();
	}

	/** Send and return the stored message's seq. */
	public long send(TestUser user, String roomId, String content) {
		return send(user, roomId, content, null).errors().verify().path("sendMessage.seq").entity(Long.class).get();
	}

	/**
	 * The one number that {@code sql} (with an {@code :id} parameter) selects for an id.
	 */
	public static long number(DatabaseClient db, String sql, java.util.UUID id) {
		return db.sql(sql).bind("id", id).map((row) -> row.get(0, Long.class)).one().block(TestSupport.TIMEOUT);
	}

	/**
	 * Store {@code count} messages ("message 1", "message 2", ...) as the room's next
	 * seqs (and change numbers) straight in the database, for tests about reading history
	 * that need many.
	 */
	public static void insertMessages(DatabaseClient db, String roomId, String authorId, int count) {
		db.sql("""
				WITH room AS (UPDATE rooms SET last_seq = last_seq + :count, last_change = last_change + :count
				  WHERE id = :room RETURNING last_seq - :count AS base, last_change - :count AS base_change),
				stored AS (INSERT INTO messages (room_id, seq, author_id, content, posted_change)
				  SELECT :room, room.base + n, :author, 'message ' || (room.base + n), room.base_change + n
				  FROM room, generate_series(1, :count) AS n RETURNING *)
				INSERT INTO room_changes (room_id, change, kind, message_id, user_id, seq_at)
				SELECT room_id, posted_change, 'POSTED', id, author_id, seq FROM stored""")
			.bind("room", UUID.fromString(roomId))
			.bind("author", UUID.fromString(authorId))
			.bind("count", count)
			.then()
			.block(TestSupport.TIMEOUT);
	}

	/** A non-blocking client, for firing many requests at once. */
	public HttpGraphQlClient reactive(TestUser user) {
		WebClient web = WebClient.builder().baseUrl("http://localhost:" + this.port + "/graphql").build();
		return HttpGraphQlClient.builder(web).header("Authorization", "Bearer " + user.accessToken()).build();
	}

	public static String code(ResponseError error) {
		return String.valueOf(error.getExtensions().get("code"));
	}

	/** Assert that the response failed with exactly one error of {@code code}. */
	public static void expectError(GraphQlTester.Response response, String code) {
		response.errors().satisfy((errors) -> {
			assertThat(errors).hasSize(1);
			assertThat(code(errors.get(0))).as(errors.get(0).getMessage()).isEqualTo(code);
		});
	}

}
