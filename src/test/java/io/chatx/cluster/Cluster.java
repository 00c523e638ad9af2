package io.chatx.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;

import io.chatx.support.ChatxInstance;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Settings and checks shared by the tests that run several ChatX instances.
 */
final class Cluster {

	private Cluster() {
	}

	/**
	 * Arguments of an instance on {@code natsUrl}, with quick announcements, tail checks
	 * and reconnects, so that tests need not wait for the production defaults. A client's
	 * open WebSocket holds graceful shutdown for the whole phase timeout, cut to a second
	 * here.
	 */
	static String[] args(String natsUrl, String... overrides) {
		Map<String, String> args = new LinkedHashMap<>();
		for (String arg : List.of("--chatx.nats.url=" + natsUrl, "--chatx.nats.presence-ttl=10s",
				"--chatx.nats.announce-interval=1s", "--chatx.nats.tail-check-interval=1s",
				"--chatx.nats.reconnect-wait=100ms", "--chatx.nats.reconnect-wait-max=500ms",
				"--spring.lifecycle.timeout-per-shutdown-phase=1s")) {
			args.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		for (String arg : overrides) {
			args.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		return args.values().toArray(String[]::new);
	}

	/**
	 * Wait until the instance's overall health is {@code status}, which must answer 200.
	 */
	static void awaitHealth(ChatxInstance instance, String status) {
		await().atMost(TestSupport.TIMEOUT)
			.untilAsserted(() -> instance.management()
				.http()
				.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(status));
	}

	/** Readiness (what a load balancer asks) does not depend on NATS. */
	static void assertReady(ChatxInstance instance) {
		instance.client().expectUp("/readyz");
	}

	/** Wait until the instance counts exactly {@code usernames} online in the room. */
	static void awaitOnline(ChatxInstance instance, TestUser viewer, String roomId, Set<String> usernames) {
		await().atMost(TestSupport.TIMEOUT)
			.until(() -> online(instance, viewer, roomId), (online) -> online.equals(usernames));
	}

	/** Who the instance says is online in the room, checked against its onlineCount. */
	static Set<String> online(ChatxInstance instance, TestUser viewer, String roomId) {
		Map<?, ?> room = instance.client()
			.as(viewer)
			.document("query($id: ID!) { room(id: $id) { onlineCount online { username } } }")
			.variable("id", roomId)
			.execute()
			.path("room")
			.entity(Map.class)
			.get();
		Set<String> online = ((List<?>) room.get("online")).stream()
			.map((user) -> (String) ((Map<?, ?>) user).get("username"))
			.collect(Collectors.toSet());
		assertThat(room.get("onlineCount")).isEqualTo(online.size());
		return online;
	}

	/**
	 * Messages the instance's hub read from the database because they did not arrive
	 * live.
	 */
	static double gapFills(ChatxInstance instance) {
		return instance.bean(MeterRegistry.class).get("chatx.hub.gap.messages").counter().count();
	}

	static String prometheus(ChatxInstance instance) {
		return instance.management().page("/actuator/prometheus");
	}

}
