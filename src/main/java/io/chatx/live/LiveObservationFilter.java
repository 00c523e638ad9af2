package io.chatx.live;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Keeps WebSocket connections out of HTTP request observations. A connection is not a
 * request: observed as one, it holds an open observation (with its long-task-timer sample
 * and key values) for its whole life and reports that life as a "duration". Connections
 * and subscriptions are counted by the hub's own metrics ({@code chatx.hub.*});
 * {@link UnobservedSubscriptionsInstrumentation} leaves subscriptions out of GraphQL
 * observations, and queries and mutations, over HTTP or WebSocket, are still observed.
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
