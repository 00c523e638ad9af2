package io.chatx.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code subscribe} message whose payload is missing or malformed closes the connection
 * with 4400 (Spring GraphQL alone ends it without a close code), over a real WebSocket.
 */
@IntegrationTest
class InvalidSubscribeIntegrationTests {

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	@Autowired
	ChatxClient client;

	@Test
	void aSubscribeWithoutPayloadClosesWith4400() {
		expect4400(Map.of("type", "subscribe", "id", "1"));
	}

	@Test
	void aSubscribeWithANonStringQueryClosesWith4400() {
		expect4400(Map.of("type", "subscribe", "id", "1", "payload", Map.of("query", 42)));
		expect4400(Map.of("type", "subscribe", "id", "1", "payload", Map.of("query", List.of("{ me { id } }"))));
	}

	@Test
	void aSubscribeWithANullOrNonObjectPayloadClosesWith4400() {
		Map<String, Object> nullPayload = new HashMap<>(Map.of("type", "subscribe", "id", "1"));
		nullPayload.put("payload", null);
		expect4400(nullPayload);
		expect4400(Map.of("type", "subscribe", "id", "1", "payload", "{ me { id } }"));
	}

	@Test
	void aSubscribeWithVariablesThatAreNoObjectClosesWith4400() {
		expect4400(Map.of("type", "subscribe", "id", "1", "payload",
				Map.of("query", "{ me { id } }", "variables", List.of(1))));
	}

	@Test
	void aWellFormedSubscribeStillRuns() {
		TestUser user = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(this.client.webSocketUri(), user)) {
			socket.send(Map.of("type", "subscribe", "id", "1", "payload", Map.of("query", "{ me { username } }")));
			assertThat(socket.expect("next")).extractingByKey("payload")
				.asString()
				.contains("username=" + user.username());
		}
	}

	private void expect4400(Map<String, Object> message) {
		TestUser user = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(this.client.webSocketUri(), user)) {
			socket.send(message);
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4400);
		}
	}

}
