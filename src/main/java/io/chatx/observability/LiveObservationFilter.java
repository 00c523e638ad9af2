package io.chatx.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Keeps WebSocket upgrades out of HTTP request observations. Spring would report each one
 * as a {@code GET /graphql} answered with 200 (it does not see Reactor Netty's 101),
 * mixed in with real requests. Connections and subscriptions are counted by the hub's own
 * metrics ({@code chatx.hub.*}); {@link UnobservedSubscriptionsInstrumentation} leaves
 * subscriptions out of GraphQL observations, and queries and mutations, over HTTP or
 * WebSocket, are still observed.
 */
@Component
class LiveObservationFilter implements ObservationPredicate {

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext http) {
			return !"websocket".equalsIgnoreCase(http.getCarrier().getHeaders().getUpgrade());
		}
		return true;
	}

}
