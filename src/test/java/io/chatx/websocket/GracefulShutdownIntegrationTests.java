package io.chatx.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatx.ChatxApplication;
import io.chatx.live.presence.PresenceChanged;
import io.chatx.support.ChatFixtures;
import io.chatx.support.RawWebSocket;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestDatabase;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;
import io.chatx.system.LifecyclePhases;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping an instance completes its live subscriptions and closes their connections with
 * 1001 (going away), so that clients resume elsewhere at once.
 */
class GracefulShutdownIntegrationTests {

	@Test
	void shutdownCompletesSubscriptionsThenClosesWith1001() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatxApplication.class).run(
				"--server.port=0", "--chatx.db.url=" + TestDatabase.url(), "--chatx.db.user=" + TestDatabase.user(),
				"--chatx.db.password=" + TestDatabase.password(), "--chatx.jwt.secret=" + TestSupport.JWT_SECRET,
				"--spring.main.banner-mode=off");
		// The stop order LifecyclePhases describes, against Boot's real web server
		// phases.
		assertThat(LifecyclePhases.LIVE_SHUTDOWN).isGreaterThan(phaseOf(context, "webServerGracefulShutdown"));
		assertThat(phaseOf(context, "webServerGracefulShutdown")).isGreaterThan(phaseOf(context, "webServerStartStop"));
		assertThat(phaseOf(context, "webServerStartStop")).isGreaterThan(LifecyclePhases.CLUSTER);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		ChatFixtures fixtures = new ChatFixtures(port);
		TestUser user = fixtures.client().register();
		String room = fixtures.publicRoom(user);
		try (RawWebSocket socket = RawWebSocket.connectAs(URI.create("ws://localhost:" + port + "/graphql"), user)) {
			socket.subscribe("live", RoomEventsClient.ROOM_EVENTS, Map.of("id", room));
			assertThat(RoomEventsClient.roomEvents(socket.expect("next"))).containsEntry("__typename",
					"PresenceChanged");
			long started = System.nanoTime();
			context.close();
			assertThat(socket.expect("complete")).containsEntry("id", "live");
			assertThat(socket.awaitClose(Duration.ofSeconds(10)).getCode()).isEqualTo(1001);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		}
		finally {
			context.close();
		}
	}

	private static int phaseOf(ConfigurableApplicationContext context, String lifecycle) {
		return context.getBean(lifecycle, SmartLifecycle.class).getPhase();
	}

}
