package io.chatx.live;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Presence changes go to the room's live subscribers on this instance.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

	@Bean
	PresenceRegistry presenceRegistry(RoomHub hub) {
		return new PresenceRegistry((change) -> hub.publish(change.roomId(), change), Clock.systemUTC());
	}

}
