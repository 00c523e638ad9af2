package io.chatx.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection_init payload is authenticated in every form the contract allows, and a
 * connection without a valid token is closed with 4401.
 */
@IntegrationTest
class WebSocketAuthenticationIntegrationTests {

	@Autowired
	ChatxClient client;

	TestUser user;

	@BeforeEach
	void setUp() {
		this.user = this.client.register();
	}

	@Test
	void acceptsAuthorizationBearer() {
		assertMe(Map.of("Authorization", "Bearer " + this.user.accessToken()));
	}

	@Test
	void acceptsAuthorizationKeyInAnyCase() {
		assertMe(Map.of("authorization", "Bearer " + this.user.accessToken()));
		assertMe(Map.of("AUTHORIZATION", "bearer " + this.user.accessToken()));
	}

	@Test
	void acceptsAuthToken() {
		assertMe(Map.of("authToken", this.user.accessToken()));
	}

	@Test
	void closesConnectionWithoutTokenWith4401() {
		assertThat(closeStatusAfterInit("{}")).isEqualTo(4401);
		assertThat(closeStatusAfterInit(null)).isEqualTo(4401);
	}

	@Test
	void closesConnectionWithBadTokenWith4401() {
		assertThat(closeStatusAfterInit("{\"Authorization\":\"Bearer garbage\"}")).isEqualTo(4401);
		assertThat(closeStatusAfterInit("{\"authToken\":\"a.b.c\"}")).isEqualTo(4401);
		assertThat(closeStatusAfterInit("{\"Authorization\":\"Basic dXNlcjpwYXNz\"}")).isEqualTo(4401);
	}

	private void assertMe(Map<String, Object> payload) {
		WebSocketGraphQlTester tester = this.client.webSocket(payload);
		try {
			tester.document("{ me { id username } }")
				.execute()
				.path("me.id")
				.entity(String.class)
				.isEqualTo(this.user.id());
		}
		finally {
			tester.stop().block(TestSupport.TIMEOUT);
		}
	}

	/**
	 * Sends connection_init with {@code payload} (none when null) and returns the close
	 * code.
	 */
	private int closeStatusAfterInit(String payload) {
		String init = (payload != null) ? "{\"type\":\"connection_init\",\"payload\":" + payload + "}"
				: "{\"type\":\"connection_init\"}";
		AtomicReference<CloseStatus> status = new AtomicReference<>();
		Sinks.One<Void> done = Sinks.one();
		WebSocketHandler handler = new WebSocketHandler() {
			@Override
			public java.util.List<String> getSubProtocols() {
				return java.util.List.of("graphql-transport-ws");
			}

			@Override
			public Mono<Void> handle(org.springframework.web.reactive.socket.WebSocketSession session) {
				session.closeStatus().subscribe(status::set);
				return session.send(Mono.just(session.textMessage(init)))
					.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText))
					.then();
			}
		};
		new ReactorNettyWebSocketClient().execute(this.client.webSocketUri(), handler)
			.timeout(Duration.ofSeconds(15))
			.onErrorResume((ex) -> Mono.empty())
			.block(TestSupport.TIMEOUT);
		assertThat(status.get()).as("close status").isNotNull();
		return status.get().getCode();
	}

}
