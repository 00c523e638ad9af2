package io.chatx.observability;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a request runs a subscription, from its document and operation name,
 * before graphql-java has parsed it: each distinct document is parsed here once.
 */
final class SubscriptionDocuments {

	private static final int MAX_DOCUMENTS = 2_000;

	private final Cache<String, Operations> documents = Caffeine.newBuilder().maximumSize(MAX_DOCUMENTS).build();

	boolean isSubscription(ExecutionInput input) {
		String query = input.getQuery();
		return query != null && this.documents.get(query, Operations::of).isSubscription(input.getOperationName());
	}

	/** A document's subscription operations: the first one's kind, and the names. */
	private record Operations(boolean firstIsSubscription, Set<String> subscriptions) {

		// A document that does not parse has no
		// subscription here; its execution reports it.
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
