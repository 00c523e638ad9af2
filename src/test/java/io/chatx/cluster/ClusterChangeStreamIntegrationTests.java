package io.chatx.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chatx.live.AppliedStream;
import io.chatx.live.ChangeMakers;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxInstance;
import io.chatx.support.TestNats;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change stream on two instances while users post, edit, delete and react through
 * both, and nats-server is killed for a while: what NATS lost is found by gap repair and
 * the tail check, and every subscriber on either instance applies every change once, in
 * change order, ending with what messages() shows.
 */
class ClusterChangeStreamIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	private static TestNats nats;

	private static ChatxInstance a;

	private static ChatxInstance b;

	@BeforeAll
	static void startCluster() {
		nats = TestNats.shared();
		nats.start();
		a = ChatxInstance.start(Cluster.args(nats.url()));
		b = ChatxInstance.start(Cluster.args(nats.url()));
	}

	@AfterAll
	static void stopCluster() {
		b.close();
		a.close();
	}

	@Test
	void subscribersOnBothInstancesEndWithWhatMessagesShowsAcrossANatsOutage() throws Exception {
		Cluster.awaitHealth(a, "UP");
		Cluster.awaitHealth(b, "UP");
		TestUser owner = a.client().register();
		String room = a.fixtures().publicRoom(owner);
		List<TestUser> writers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			TestUser writer = a.client().register();
			a.fixtures().join(writer, room);
			writers.add(writer);
		}
		ChangeMakers makers = new ChangeMakers(room, writers).pausing(Duration.ofMillis(20));
		List<AppliedStream> subscribers = new ArrayList<>();
		try {
			for (ChatxInstance instance : List.of(a, b, a, b)) {
				subscribers.add(new AppliedStream(URI.create(instance.client().webSocketUri().toString()),
						a.client().register(), room, null, Map.of())
					.awaitLive());
			}
			double gapsA = Cluster.gapFills(a);
			double gapsB = Cluster.gapFills(b);
			AtomicBoolean changing = new AtomicBoolean(true);
			CompletableFuture<Void> changes = makers.run(5, changing::get, (u) -> ((u % 2 == 0) ? a : b).client())
				.toFuture();
			sleep(Duration.ofSeconds(1));
			nats.kill();
			sleep(OUTAGE);
			nats.start();
			Cluster.awaitHealth(a, "UP");
			Cluster.awaitHealth(b, "UP");
			sleep(Duration.ofSeconds(1));
			changing.set(false);
			changes.get(TestSupport.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			makers.post(a.client(), owner, "fence");
			long last = ChatFixtures.number(a.bean(DatabaseClient.class),
					"SELECT last_change FROM rooms WHERE id = :id", UUID.fromString(room));
			Map<String, Map<String, Object>> expected = ChangeMakers.messages(b.client(), owner, room);
			for (AppliedStream subscriber : subscribers) {
				assertThat(subscriber.applyThrough(last).state()).isEqualTo(expected);
			}
			// What NATS lost came from the database, on both instances.
			assertThat(Cluster.gapFills(a)).isGreaterThan(gapsA);
			assertThat(Cluster.gapFills(b)).isGreaterThan(gapsB);
		}
		finally {
			subscribers.forEach(AppliedStream::close);
		}
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

}
