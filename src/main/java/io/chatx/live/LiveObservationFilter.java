package io.chatx.live;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.observation.DataFetcherObservationContext;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Keeps long-lived traffic out of request observations. A WebSocket connection is not an
 * HTTP request, and a subscription is not a GraphQL request: observed as such, each holds
 * open observations (with their long-task-timer samples, contexts and key values) for its
 * whole life, which was a good part of an idle connection's memory, and reports its
 * lifetime as a "duration"; the fields of subscription events are not observed either
 * (each event would open and close observations). Connections and subscriptions are
 * counted by the hub's own metrics ({@code chatx.hub.*}); queries and mutations, over
 * HTTP or WebSocket, are still observed.
 */
@Component
class LiveObservationFilter implements ObservationPredicate {

	private static final int MAX_DOCUMENTS = 2_000;

	// Which operations of a document are subscriptions; each distinct document parsed
	// once.
	private final Cache<String, Operations> documents = Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ServerRequestObservationContext http) {
			return !"websocket".equalsIgnoreCase(http.getCarrier().getHeaders().getUpgrade());
		}
		if (context instanceof ExecutionRequestObservationContext graphql) {
			String query = graphql.getExecutionInput().getQuery();
			return query == null || !this.documents.get(query, Operations::of)
				.isSubscription(graphql.getExecutionInput().getOperationName());
		}
		if (context instanceof DataFetcherObservationContext fetcher) {
			OperationDefinition operation = fetcher.getEnvironment().getOperationDefinition();
			return operation == null || operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION;
		}
		return true;
	}

	/** A document's subscription operations: the first one's kind, and the names. */
	private record Operations(boolean firstIsSubscription, Set<String> subscriptions) {

		// A document that does not parse has no subscription here; its execution reports
		// it.
		static Operations of(String query) {
			try {
				List<OperationDefinition> operations = Parser.parse(query)
					.getDefinitionsOfType(OperationDefinition.class);
				Set<String> subscriptions = operations.stream()
					.filter((operation) -> operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION)
					.map(OperationDefinition::getName)
					.filter(Objects::nonNull)
					.collect(Collectors.toUnmodifiableSet());
				boolean first = !operations.isEmpty()
						&& operations.get(0).getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
				return new Operations(first, subscriptions);
			}
			catch (RuntimeException ex) {
				return new Operations(false, Set.of());
			}
		}

		boolean isSubscription(@Nullable String operationName) {
			return (operationName != null) ? this.subscriptions.contains(operationName) : this.firstIsSubscription;
		}

	}

}
