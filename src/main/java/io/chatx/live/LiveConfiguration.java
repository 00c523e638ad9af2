package io.chatx.live;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Presence changes go to the room's live subscribers on this instance, and this instance's
 * own changes to the cluster, if there is one.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

	@Bean
	PresenceRegistry presenceRegistry(RoomHub hub, ObjectProvider<LocalPresenceListener> cluster) {
		// Looked up on each change: the cluster's listener needs this registry itself.
		LocalPresenceListener local = (roomId, user, online) -> cluster
			.ifAvailable((listener) -> listener.changed(roomId, user, online));
		return new PresenceRegistry((change) -> hub.publish(change.roomId(), change), local, Clock.systemUTC());
	}

}
