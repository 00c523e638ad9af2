package io.chatx.observability;

import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import io.chatx.live.RoomHub;
import io.chatx.message.MessageCursor;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live connection is not observed as an HTTP request, nor its subscription as a GraphQL
 * request (each would hold its observation for hours); mutations over the same connection
 * are still observed, and Spring Security's per-filter observations are off.
 */
@IntegrationTest
class LiveObservationIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RoomHub hub;

	@Test
	void connectionsAndSubscriptionsAreNotObservedButMutationsAre() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		long upgrades = count("http.server.requests", "method", "GET");
		long subscriptions = count("graphql.request", "graphql.operation.type", "subscription");
		long mutations = count("graphql.request", "graphql.operation.type", "mutation");

		try (RoomEventsClient events = new RoomEventsClient(this.client.webSocketUri(), user)) {
			// From the start: the message is replayed if it is stored before the
			// subscription is live.
			events.subscribe("live", room, MessageCursor.encode(UUID.fromString(room), 0, 0));
			this.fixtures.send(user, room, "proves the subscription is live");
			assertThat(events.next("MessagePosted")).isNotNull();
			events.socket.subscribe("send", ChatFixtures.SEND,
					Map.of("input", Map.of("roomId", room, "content", "over the socket")));
			// One mutation over HTTP (above), one over the socket.
			await().atMost(TestSupport.TIMEOUT)
				.untilAsserted(() -> assertThat(count("graphql.request", "graphql.operation.type", "mutation"))
					.isGreaterThanOrEqualTo(mutations + 2));
		}
		await().atMost(TestSupport.TIMEOUT)
			.untilAsserted(() -> assertThat(this.hub.activeRooms()).doesNotContain(UUID.fromString(room)));

		assertThat(count("graphql.request", "graphql.operation.type", "subscription")).isEqualTo(subscriptions);
		assertThat(count("http.server.requests", "method", "GET")).isEqualTo(upgrades);
		assertThat(this.meters.getMeters())
			.noneMatch((meter) -> meter.getId().getName().startsWith("spring.security."));
	}

	private long count(String name, String tag, String value) {
		return this.meters.find(name).tag(tag, value).timers().stream().mapToLong(Timer::count).sum();
	}

}
