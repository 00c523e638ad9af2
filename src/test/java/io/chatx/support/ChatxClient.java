package io.chatx.support;

import java.net.URI;
import java.util.Map;

import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;

import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * Clients of a running ChatX: GraphQL over HTTP and over WebSocket, signed in or not.
 */
public final class ChatxClient {

	private final int port;

	public ChatxClient(int port) {
		this.port = port;
	}

	public WebTestClient http() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(TestSupport.TIMEOUT)
			.build();
	}

	/**
	 * Assert that a health endpoint answers 200 with status UP, within the test timeout:
	 * the database check gives up after 1.5 s, which the first connections of a cold JVM
	 * on a busy machine may take (DOWN then, as a probe that is to be asked again).
	 */
	public void expectUp(String healthPath) {
		Awaitility.await()
			.atMost(TestSupport.TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(() -> http().get()
				.uri(healthPath)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP"));
	}

	/** Assert that a GET of {@code path} answers 200, and return its body. */
	public String page(String path) {
		return http().get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/** GraphQL over HTTP without a token. */
	public HttpGraphQlTester anonymous() {
		return HttpGraphQlTester.create(http().mutate().baseUrl("http://localhost:" + this.port + "/graphql").build());
	}

	/** GraphQL over HTTP with {@code Authorization: Bearer <token>}. */
	public HttpGraphQlTester as(String accessToken) {
		return anonymous().mutate().header("Authorization", "Bearer " + accessToken).build();
	}

	public HttpGraphQlTester as(TestUser user) {
		return as(user.accessToken());
	}

	/** GraphQL over WebSocket, authenticated by the connection_init payload. */
	public WebSocketGraphQlTester webSocket(Map<String, Object> connectionInitPayload) {
		WebSocketGraphQlClientInterceptor init = new WebSocketGraphQlClientInterceptor() {
			@Override
			public Mono<Object> connectionInitPayload() {
				return Mono.just(connectionInitPayload);
			}
		};
		return WebSocketGraphQlTester.builder(webSocketUri(), new ReactorNettyWebSocketClient())
			.interceptor(init)
			.build();
	}

	public WebSocketGraphQlTester webSocket(TestUser user) {
		return webSocket(Map.of("Authorization", "Bearer " + user.accessToken()));
	}

	public URI webSocketUri() {
		return URI.create("ws://localhost:" + this.port + "/graphql");
	}

	/** Assert that {@code user} signs in with their password (their data is there). */
	public void expectSignsIn(TestUser user) {
		anonymous()
			.document("mutation($l: String!, $p: String!) { login(input: {login: $l, password: $p}) { user { id } } }")
			.variable("l", user.username())
			.variable("p", user.password())
			.execute()
			.path("login.user.id")
			.entity(String.class)
			.isEqualTo(user.id());
	}

	/** Register a fresh user and return their session. */
	public TestUser register() {
		return register(TestSupport.unique("user"));
	}

	public TestUser register(String username) {
		String password = "password-" + username;
		Map<String, Object> payload = anonymous().document("""
				mutation($u: String!, $e: String!, $p: String!) {
				  register(input: {username: $u, email: $e, password: $p}) {
				    accessToken refreshToken user { id username }
				  }
				}""")
			.variable("u", username)
			.variable("e", username + "@example.com")
			.variable("p", password)
			.execute()
			.errors()
			.verify()
			.path("register")
			.entity(Map.class)
			.get();
		@SuppressWarnings("unchecked")
		Map<String, Object> user = (Map<String, Object>) payload.get("user");
		return new TestUser((String) user.get("id"), username, password, (String) payload.get("accessToken"),
				(String) payload.get("refreshToken"));
	}

}
