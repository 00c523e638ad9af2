package io.chatx.cluster;

import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxInstance;
import io.chatx.support.TestNats;
import io.chatx.support.TestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The link to NATS: an instance starts and serves while NATS is away, connects when it
 * comes, and replaces a connection that the client library closed for good.
 */
class NatsConnectionIntegrationTests {

	@Test
	void startsWhileNatsIsAwayAndConnectsWhenItComes() {
		int port = TestNats.freePort();
		try (ChatxInstance instance = ChatxInstance.start(Cluster.args("nats://127.0.0.1:" + port))) {
			Cluster.awaitHealth(instance, "DEGRADED");
			Cluster.assertReady(instance);
			assertThat(instance.client().register().accessToken()).isNotEmpty();
			TestNats late = TestNats.on(port);
			try {
				Cluster.awaitHealth(instance, "UP");
				assertThat(Cluster.prometheus(instance)).contains("chatx_nats_connected 1.0");

				// jnats closes a connection for good when a server refuses it twice;
				// ChatX connects anew.
				NatsLink link = instance.bean(NatsLink.class);
				Connection first = link.connection();
				first.close();
				await().atMost(TestSupport.TIMEOUT)
					.until(() -> link.connection() != null && link.connection() != first && link.isConnected());
				Cluster.awaitHealth(instance, "UP");
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				late.kill();
			}
		}
	}

}
