package io.chatx.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NUL characters and lone UTF-16 surrogates in string input, sent as raw JSON (a JSON
 * escape of U+0000 or of a lone U+D800, as any client can write it) in variables, nested
 * input objects and inline literals: each is refused with {@code BAD_USER_INPUT} and
 * nothing is stored.
 */
@IntegrationTest
class WellFormedInputIntegrationTests {

	@Autowired
	ChatxClient client;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	DatabaseClient db;

	TestUser alice;

	String roomId;

	@BeforeEach
	void setUp() {
		this.alice = this.client.register();
		this.roomId = this.fixtures.publicRoom(this.alice);
	}

	@Test
	void refusesNulInLoginVariable() {
		Map<String, Object> body = post(null,
				"""
						{"query": "mutation($l: String!) { login(input: {login: $l, password: \\"password-x\\"}) { accessToken } }",
						 "variables": {"l": "%s\\u0000"}}"""
					.formatted(this.alice.username()));
		assertBadUserInput(body);
	}

	@Test
	void refusesAnEscapedNulInAnInlineLoginButNotAnEscapedBackslash() {
		Map<String, Object> body = post(null,
				"""
						{"query": "mutation { login(input: {login: \\"%s\\\\u0000\\", password: \\"password-x\\"}) { accessToken } }"}"""
					.formatted(this.alice.username()));
		assertBadUserInput(body);
		// A backslash and "u0000" as text: a wrong login, not bad input.
		body = post(null,
				"""
						{"query": "mutation { login(input: {login: \\"%s\\\\\\\\u0000\\", password: \\"password-x\\"}) { accessToken } }"}"""
					.formatted(this.alice.username()));
		assertThat(body).extracting("errors").asString().contains("INVALID_CREDENTIALS");
	}

	@Test
	void refusesNulInRegisterEmailAndStoresNoUser() {
		String name = TestSupport.unique("nul");
		Map<String, Object> body = post(null,
				"""
						{"query": "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }",
						 "variables": {"input": {"username": "%s", "email": "%s@exam\\u0000ple.com", "password": "password-123"}}}"""
					.formatted(name, name));
		assertBadUserInput(body);
		assertThat(count("SELECT count(*) FROM users WHERE username = :v", name)).isZero();
	}

	@Test
	void refusesNulInAnInlineMessageContentAndStoresNothing() {
		Map<String, Object> body = post(this.alice.accessToken(),
				"""
						{"query": "mutation { sendMessage(input: {roomId: \\"%s\\", content: \\"hello\\\\u0000world\\"}) { id } }"}"""
					.formatted(this.roomId));
		assertBadUserInput(body);
		assertThat(messagesInRoom()).isZero();
	}

	@Test
	void refusesALoneSurrogateInClientMessageIdAndStoresNothing() {
		Map<String, Object> body = post(this.alice.accessToken(), """
				{"query": "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }",
				 "variables": {"input": {"roomId": "%s", "content": "hello", "clientMessageId": "retry-\\ud800"}}}"""
			.formatted(this.roomId));
		assertBadUserInput(body);
		assertThat(messagesInRoom()).isZero();
	}

	@Test
	void refusesALoneSurrogateInAnInlineLiteral() {
		Map<String, Object> body = post(this.alice.accessToken(),
				"""
						{"query": "mutation { sendMessage(input: {roomId: \\"%s\\", content: \\"hi\\", clientMessageId: \\"a\\\\ud800\\"}) { id } }"}"""
					.formatted(this.roomId));
		assertBadUserInput(body);
		assertThat(messagesInRoom()).isZero();
	}

	@Test
	void refusesARawNulInTheDocument() {
		Map<String, Object> body = post(this.alice.accessToken(), """
				{"query": "mutation { sendMessage(input: {roomId: \\"%s\\", content: \\"hi\\u0000\\"}) { id } }"}"""
			.formatted(this.roomId));
		assertBadUserInput(body);
		assertThat(messagesInRoom()).isZero();
	}

	@Test
	void refusesNulInAnId() {
		Map<String, Object> body = post(this.alice.accessToken(), """
				{"query": "mutation($id: ID!) { leaveRoom(roomId: $id) }", "variables": {"id": "%s\\u0000"}}"""
			.formatted(this.roomId));
		assertBadUserInput(body);
	}

	@Test
	void refusesNulOverWebSocketToo() {
		this.client.webSocket(this.alice)
			.document("mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }")
			.variable("input", Map.of("roomId", this.roomId, "content", "hello\u0000world"))
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")))
			.verify();
		assertThat(messagesInRoom()).isZero();
	}

	@Test
	void acceptsSurrogatePairs() {
		Map<String, Object> body = post(this.alice.accessToken(),
				"""
						{"query": "mutation($input: SendMessageInput!) { sendMessage(input: $input) { content clientMessageId } }",
						 "variables": {"input": {"roomId": "%s", "content": "smile \\ud83d\\ude00", "clientMessageId": "\\ud83d\\ude00"}}}"""
					.formatted(this.roomId));
		assertThat(body).doesNotContainKey("errors");
		assertThat(body).extracting("data.sendMessage.content").isEqualTo("smile \uD83D\uDE00");
		assertThat(body).extracting("data.sendMessage.clientMessageId").isEqualTo("\uD83D\uDE00");
	}

	private Map<String, Object> post(String accessToken, String json) {
		return this.client.http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (accessToken != null) {
				headers.setBearerAuth(accessToken);
			}
		})
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static void assertBadUserInput(Map<String, Object> body) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		assertThat(errors).as(String.valueOf(body)).hasSize(1);
		Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
		assertThat(extensions).as(String.valueOf(body)).containsEntry("code", "BAD_USER_INPUT");
		assertThat(body.get("data")).isNull();
	}

	private long messagesInRoom() {
		return ChatFixtures.number(this.db, "SELECT count(*) FROM messages WHERE room_id = :id",
				UUID.fromString(this.roomId));
	}

	private long count(String sql, String value) {
		return this.db.sql(sql).bind("v", value).map((row) -> row.get(0, Long.class)).one().block(TestSupport.TIMEOUT);
	}

}
