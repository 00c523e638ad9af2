package io.chatx.cluster;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import io.chatx.live.RoomHub;
import io.chatx.live.RoomListHub;
import io.chatx.live.presence.PresenceRegistry;
import io.chatx.message.RoomChangeLog;
import io.chatx.myevents.MyEventsHub;
import io.chatx.room.MembershipService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ChatX as one of several instances, when {@code chatx.nats.url} is set: a NATS
 * connection, the relay of live events, presence announcements and tail checks. Without
 * it none of these exist and no NATS client starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${chatx.nats.url:}'.trim().isEmpty()")
class NatsConfiguration {

	private final NatsProperties properties;

	NatsConfiguration(NatsProperties properties) {
		this.properties = properties.checked();
	}

	@Bean
	ClusterCodec clusterCodec() {
		return new ClusterCodec();
	}

	@Bean
	NatsLink natsLink(ClusterCodec codec, MeterRegistry meters) {
		return new NatsLink(codec, meters);
	}

	@Bean
	PresenceAnnouncer presenceAnnouncer(PresenceRegistry registry, NatsLink link) {
		return new PresenceAnnouncer(registry, link, this.properties, Clock.systemUTC());
	}

	@Bean
	NatsRelay natsRelay(NatsLink link, ClusterCodec codec, RoomHub rooms, RoomListHub roomList,
			PresenceAnnouncer presence, MyEventsHub myEvents, MeterRegistry meters) {
		return new NatsRelay(link, codec, rooms, roomList, presence, myEvents, meters);
	}

	@Bean
	TailChecker tailChecker(RoomHub hub, MyEventsHub myEvents, RoomChangeLog changes, MembershipService memberships) {
		return new TailChecker(hub, myEvents, changes, memberships, this.properties.tailCheckInterval());
	}

	@Bean
	NatsConnector natsConnector(ClusterCodec codec, NatsLink link, NatsRelay relay, List<LinkListener> listeners,
			MeterRegistry meters) {
		return new NatsConnector(this.properties, "chatx-" + codec.origin(), link, relay, listeners, meters);
	}

	@Bean
	ClusterLifecycle clusterLifecycle(NatsConnector connector, PresenceAnnouncer presence, TailChecker tails) {
		return new ClusterLifecycle(connector, presence, tails);
	}

	@Bean
	NatsHealthIndicator natsHealthIndicator(NatsLink link) {
		return new NatsHealthIndicator(link);
	}

}
