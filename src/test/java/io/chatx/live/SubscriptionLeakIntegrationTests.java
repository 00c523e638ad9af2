package io.chatx.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chatx.live.presence.PresenceRegistry;
import io.chatx.message.MessageCursor;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a thousand subscribe/unsubscribe cycles and a thousand connections opened and
 * dropped, the hub holds no subscriber, no room channel and no presence, and leaving
 * clients caused no error in the log (Reactor logs an error nobody was left to receive).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SubscriptionLeakIntegrationTests {

	static final String NO_AUTHOR = RoomEventsClient.ROOM_EVENTS.replace(" author { username }", "");

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@LocalManagementPort
	int managementPort;

	@Autowired
	RoomHub hub;

	@Autowired
	PresenceRegistry presence;

	@Test
	void leavesNothingBehind(CapturedOutput output) {
		List<TestUser> users = Flux.range(0, 8).map((i) -> this.client.register()).collectList().block();
		String room = this.fixtures.publicRoom(users.get(0));
		this.fixtures.send(users.get(0), room, "the first message");
		// Each subscription replays from the start, so its first event proves it is live.
		String fromStart = MessageCursor.encode(UUID.fromString(room), 0, 0);
		Map<String, Object> variables = Map.of("id", room, "after", fromStart);

		Flux.range(0, 1000)
			.flatMap((i) -> Mono.fromRunnable(() -> cycle(users.get(i % users.size()), i, variables))
				.subscribeOn(Schedulers.boundedElastic()), 8)
			.blockLast(Duration.ofMinutes(3));

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(this.hub.subscriberCount()).isZero();
			assertThat(this.hub.roomCount()).isZero();
			assertThat(this.presence.roomCount()).isZero();
		});
		new ChatxClient(this.managementPort).http()
			.get()
			.uri("/actuator/metrics/chatx.hub.subscribers")
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(0.0);
		new ChatxClient(this.managementPort).http()
			.get()
			.uri("/actuator/metrics/chatx.hub.rooms")
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(0.0);
		assertThat(output.getAll()).doesNotContain("onErrorDropped");
	}

	/**
	 * One connection: every other one subscribes and completes a subscription; then the
	 * connection subscribes again and is dropped, politely or abruptly.
	 */
	private void cycle(TestUser user, int i, Map<String, Object> variables) {
		RawWebSocket socket = RawWebSocket.connectAs(this.client.webSocketUri(), user);
		if (i % 2 == 0) {
			socket.subscribe("a", NO_AUTHOR, variables);
			socket.expect("next");
			socket.send(Map.of("type", "complete", "id", "a"));
		}
		socket.subscribe("b", NO_AUTHOR, variables);
		socket.expect("next");
		if (i % 3 == 0) {
			socket.send(Map.of("type", "complete", "id", "b"));
		}
		socket.close();
	}

}
