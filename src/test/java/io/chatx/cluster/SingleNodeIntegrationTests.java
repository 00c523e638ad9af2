package io.chatx.cluster;

import org.junit.jupiter.api.Test;

import io.chatx.live.ClusterPublisher;
import io.chatx.live.presence.LocalPresenceListener;
import io.chatx.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code CHATX_NATS_URL} ChatX is a single node: no NATS client, no relay, no
 * presence announcements.
 */
@IntegrationTest
class SingleNodeIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void startsNoNatsClientWithoutANatsUrl() {
		assertThat(this.context.getBeansOfType(NatsConnector.class)).isEmpty();
		assertThat(this.context.getBeansOfType(ClusterPublisher.class)).isEmpty();
		assertThat(this.context.getBeansOfType(LocalPresenceListener.class)).isEmpty();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith("chatx-presence"));
	}

}
