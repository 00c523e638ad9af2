package io.chatx.live;

import java.time.Clock;
import java.util.function.Supplier;

import io.chatx.live.presence.LocalPresenceListener;
import io.chatx.live.presence.PresenceRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * Presence changes go to the room's live subscribers on this instance, and this
 * instance's own changes to the cluster, if there is one.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

	private static final LocalPresenceListener NO_CLUSTER = (roomId, user, online) -> {
	};

	@Bean
	PresenceRegistry presenceRegistry(RoomHub hub, ObjectProvider<LocalPresenceListener> cluster) {
		// Looked up at the first change, not now: the
		// cluster's listener needs this registry.
		Supplier<LocalPresenceListener> listener = SingletonSupplier.of(() -> cluster.getIfAvailable(() -> NO_CLUSTER));
		LocalPresenceListener local = (roomId, user, online) -> listener.get().changed(roomId, user, online);
		return new PresenceRegistry((change) -> hub.publish(change.roomId(), change), local, Clock.systemUTC());
	}

}
