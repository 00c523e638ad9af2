package io.chatx.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.graphql.observation.DataFetcherObservationContext;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Keeps long-lived traffic out of request observations. A WebSocket connection is not an
 * HTTP request, and a subscription is not a GraphQL request: observed as such, each holds
 * open observations (with their long-task-timer samples, contexts and key values) for its
 * whole life, which was a good part of an idle connection's memory, and reports its
 * lifetime as a "duration"; the fields of subscription events are not observed either (each
 * event would open and close observations). Connections and subscriptions are counted by the hub's own
 * metrics ({@code chatx.hub.*}); queries and mutations, over HTTP or WebSocket, are still
 * observed.
 */
@Component
class LiveObservationFilter implements ObservationPredicate {

	private static final int MAX_DOCUMENTS = 2_000;

	// Whether a document (with its operation name) runs a subscription; parsed once.
	private final Cache<String, Boolean> subscriptions = Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext http) {
			return !"websocket".equalsIgnoreCase(http.getCarrier().getHeaders().getUpgrade());
		}
		if (context instanceof ExecutionRequestObservationContext graphql) {
			return !isSubscription(graphql.getExecutionInput().getQuery(),
					graphql.getExecutionInput().getOperationName());
		}
		if (context instanceof DataFetcherObservationContext fetcher) {
			OperationDefinition operation = fetcher.getEnvironment().getOperationDefinition();
			return operation == null || operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION;
		}
		return true;
	}

	private boolean isSubscription(String query, String operationName) {
		if (query == null) {
			return false;
		}
		String key = (operationName != null) ? operationName + "\n" + query : query;
		return this.subscriptions.get(key, (ignored) -> parsesToSubscription(query, operationName));
	}

	// A document that does not parse is not a subscription here; the execution reports it.
	private static boolean parsesToSubscription(String query, String operationName) {
		try {
			Document document = Parser.parse(query);
			return document.getDefinitionsOfType(OperationDefinition.class)
				.stream()
				.filter((operation) -> operationName == null || operationName.equals(operation.getName()))
				.findFirst()
				.map((operation) -> operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION)
				.orElse(false);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
