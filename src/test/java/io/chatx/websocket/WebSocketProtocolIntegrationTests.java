package io.chatx.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.StalledWebSocket;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graphql-transport-ws protocol as the server enforces it: close codes, pings, frame
 * size, allowed origins and the per-connection operation cap.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.graphql.websocket.connection-init-timeout=1s",
		"spring.graphql.websocket.keep-alive=1s", "chatx.websocket.max-operations=3",
		"chatx.websocket.max-frame-size=16KB", "chatx.live.subscriber-buffer=20" })
class WebSocketProtocolIntegrationTests {

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void closesWith4408WhenNoConnectionInitArrives() {
		try (RawWebSocket socket = RawWebSocket.connect(uri())) {
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4408);
		}
	}

	@Test
	void closesWith4401OnSubscribeBeforeAck() {
		try (RawWebSocket socket = RawWebSocket.connect(uri())) {
			socket.subscribe("1", "{ me { id } }", Map.of());
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4401);
		}
	}

	@Test
	void closesWith4429OnASecondInit() {
		TestUser user = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			socket.send(Map.of("type", "connection_init", "payload", Map.of("authToken", user.accessToken())));
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4429);
		}
	}

	@Test
	void closesWith4409OnADuplicateOperationId() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			socket.subscribe("same", RoomEventsClient.ROOM_EVENTS, Map.of("id", room));
			socket.expect("next");
			socket.subscribe("same", RoomEventsClient.ROOM_EVENTS, Map.of("id", room));
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4409);
		}
	}

	@Test
	void closesWith4400OnABadFrame() {
		TestUser user = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			socket.send("this is not json");
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4400);
		}
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			socket.send(Map.of("type", "no-such-type"));
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4400);
		}
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			socket.send(Map.of("type", "subscribe", "payload", Map.of("query", "{ me { id } }")));
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(4400);
		}
	}

	@Test
	void pingsIdleConnectionsAndAnswersPings() {
		TestUser user = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			assertThat(socket.next(Duration.ofSeconds(5))).containsEntry("type", "ping");
			socket.send(Map.of("type", "ping"));
			Map<String, Object> answer;
			do {
				answer = socket.next(Duration.ofSeconds(5));
			}
			while (answer != null && "ping".equals(answer.get("type")));
			assertThat(answer).containsEntry("type", "pong");
		}
	}

	@Test
	void refusesAFrameOverTheSizeLimit() {
		TestUser user = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			socket.subscribe("big", "{ me { id } }", Map.of("pad", "x".repeat(32 * 1024)));
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(1009);
		}
	}

	@Test
	void refusesOriginsOutsideTheAllowList() {
		HttpHeaders evil = new HttpHeaders();
		evil.setOrigin("http://evil.example");
		try (RawWebSocket socket = RawWebSocket.connect(uri(), evil)) {
			assertThat(socket.awaitClose(CLOSE_WAIT).getCode()).isEqualTo(1006);
		}
		HttpHeaders local = new HttpHeaders();
		local.setOrigin("http://localhost:5173");
		try (RawWebSocket socket = RawWebSocket.connect(uri(), local)) {
			socket.send(Map.of("type", "connection_init", "payload",
					Map.of("authToken", this.client.register().accessToken())));
			socket.expect("connection_ack");
		}
	}

	@Test
	void capsTheOperationsOfOneConnection() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		try (RawWebSocket socket = RawWebSocket.connectAs(uri(), user)) {
			for (int i = 1; i <= 3; i++) {
				socket.subscribe("s" + i, RoomEventsClient.ROOM_EVENTS, Map.of("id", room));
			}
			socket.subscribe("s4", RoomEventsClient.ROOM_EVENTS, Map.of("id", room));
			Map<String, Object> refused = expectFor(socket, "s4");
			assertThat(refused.toString()).contains("RATE_LIMITED");
			socket.send(Map.of("type", "complete", "id", "s1"));
			// Completing one makes room for another.
			socket.subscribe("s5", "{ me { id } }", Map.of());
			Map<String, Object> answer = expectFor(socket, "s5");
			assertThat(answer).containsEntry("type", "next");
			assertThat(answer.toString()).doesNotContain("RATE_LIMITED");
		}
	}

	@Test
	void cutsASlowConsumerWhileAFastOneKeepsReceiving() throws Exception {
		TestUser owner = this.client.register();
		TestUser sloth = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		int count = 1500;
		String padding = "x".repeat(2000);
		try (RoomEventsClient fast = new RoomEventsClient(uri(), owner).subscribe("f", room, null);
				StalledWebSocket slow = new StalledWebSocket(uri(), sloth.accessToken())) {
			fast.next("PresenceChanged");
			slow.send(Map.of("type", "subscribe", "id", "s", "payload",
					Map.of("query", RoomEventsClient.ROOM_EVENTS, "variables", Map.of("id", room))));
			// The slow subscriber is live once the fast one sees it arrive.
			assertThat(fast.next("PresenceChanged")).containsEntry("user", Map.of("username", sloth.username()));
			reactor.core.publisher.Flux.range(1, count)
				.flatMap((i) -> reactor.core.publisher.Mono
					.fromCallable(() -> this.fixtures.send(owner, room, i + padding))
					.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 8)
				.blockLast(Duration.ofSeconds(120));
			List<Map<String, Object>> events = fast.eventsThroughMessages(count);
			assertThat(events).filteredOn((e) -> "MessagePosted".equals(e.get("__typename")))
				.extracting(RoomEventsClient::seq)
				.isEqualTo(java.util.stream.LongStream.rangeClosed(1, count).boxed().toList());
			// The slow one went offline when it was cut, while the fast one kept going.
			assertThat(events).filteredOn((e) -> "PresenceChanged".equals(e.get("__typename")))
				.singleElement()
				.satisfies((e) -> assertThat(e).containsEntry("online", false)
					.containsEntry("user", Map.of("username", sloth.username())));

			Map<String, Object> error = null;
			long received = 0;
			while (error == null) {
				Map<String, Object> message = slow.read();
				assertThat(message).as("the slow consumer's stream ends with an error").isNotNull();
				if ("error".equals(message.get("type"))) {
					error = message;
				}
				else if ("next".equals(message.get("type"))
						&& "MessagePosted".equals(RoomEventsClient.roomEvents(message).get("__typename"))) {
					assertThat(RoomEventsClient.seq(RoomEventsClient.roomEvents(message))).isEqualTo(++received);
				}
			}
			assertThat(RoomEventsClient.code(error)).isEqualTo("RATE_LIMITED");
			assertThat(error.toString()).contains("after:");
			assertThat(received).isLessThan(count);
		}
	}

	private static Map<String, Object> expectFor(RawWebSocket socket, String id) {
		for (;;) {
			Map<String, Object> message = socket.next(TestSupport.TIMEOUT);
			assertThat(message).as("an answer for " + id).isNotNull();
			if (id.equals(message.get("id"))) {
				return message;
			}
		}
	}

	private URI uri() {
		return this.client.webSocketUri();
	}

}
