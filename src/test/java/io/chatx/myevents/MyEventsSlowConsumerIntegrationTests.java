package io.chatx.myevents;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.StalledWebSocket;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static io.chatx.myevents.MyEventsClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code myEvents} reader that stalls is cut as a {@code roomEvents} one is (same
 * error), while a fast one gets everything. The properties are those of
 * {@code WebSocketProtocolIntegrationTests}, so that the two share a context.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.graphql.websocket.connection-init-timeout=1s",
		"spring.graphql.websocket.keep-alive=1s", "chatx.websocket.max-operations=3",
		"chatx.websocket.max-frame-size=16KB", "chatx.live.subscriber-buffer=20" })
class MyEventsSlowConsumerIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	MyEventsHub hub;

	@Test
	void cutsASlowReaderWhileAFastOneGetsEveryMessage() throws Exception {
		TestUser ann = this.client.register();
		TestUser fastReader = this.client.register();
		TestUser sloth = this.client.register();
		String room = this.fixtures.publicRoom(ann);
		this.fixtures.join(fastReader, room);
		this.fixtures.join(sloth, room);
		int count = 1500;
		String padding = "x".repeat(2000);
		URI uri = this.client.webSocketUri();
		try (MyEventsClient fast = MyEventsClient.open(uri, fastReader, this.hub, room);
				StalledWebSocket slow = new StalledWebSocket(uri, sloth.accessToken())) {
			slow.send(Map.of("type", "subscribe", "id", "s", "payload", Map.of("query", MyEventsClient.MY_EVENTS)));
			MyEventsClient.awaitTracked(this.hub, sloth, room);
			Flux.range(1, count)
				.flatMap((i) -> Mono.fromCallable(() -> this.fixtures.send(ann, room, i + padding))
					.subscribeOn(Schedulers.boundedElastic()), 8)
				.blockLast(Duration.ofSeconds(120));
			for (long seq = 1; seq <= count; seq++) {
				Map<String, Object> activity = fast.next("RoomActivity");
				assertThat(MyEventsClient.number(message(activity), "seq")).isEqualTo(seq);
			}

			Map<String, Object> error = null;
			long received = 0;
			while (error == null) {
				Map<String, Object> frame = slow.read();
				assertThat(frame).as("the slow reader's stream ends with an error").isNotNull();
				if ("error".equals(frame.get("type"))) {
					error = frame;
				}
				else if ("next".equals(frame.get("type"))) {
					received++;
				}
			}
			assertThat(RoomEventsClient.code(error)).isEqualTo("RATE_LIMITED");
			assertThat(received).isLessThan(count);
			// The cut stream let go of its rooms.
			await().atMost(TestSupport.TIMEOUT)
				.until(() -> this.hub.loadedRooms(UUID.fromString(sloth.id())).isEmpty());
		}
	}

}
