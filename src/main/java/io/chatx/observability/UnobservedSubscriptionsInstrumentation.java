package io.chatx.observability;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.observation.DataFetcherObservationConvention;
import org.springframework.graphql.observation.DataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * Spring for GraphQL's observations for queries and mutations, none for subscriptions. A
 * subscription is not a request: observed as one, it would report its lifetime as a
 * "duration", and each of its events would open and close data fetcher observations.
 * <p>
 * Skipping them here, rather than in an {@code ObservationPredicate}, also skips what the
 * instrumentation creates before any predicate is asked and keeps for the subscription's
 * whole life: an observation context (three maps), and a data-loader registry of its own
 * that makes graphql-java keep data-loader dispatch state (four more). ChatX registers no
 * data loader, so a subscription's registry stays graphql-java's shared empty one.
 */
class UnobservedSubscriptionsInstrumentation extends GraphQlObservationInstrumentation {

	private final SubscriptionDocuments subscriptions = new SubscriptionDocuments();

	UnobservedSubscriptionsInstrumentation(ObservationRegistry registry,
			@Nullable ExecutionRequestObservationConvention requestConvention,
			@Nullable DataFetcherObservationConvention dataFetcherConvention,
			@Nullable DataLoaderObservationConvention dataLoaderConvention) {
		super(registry, requestConvention, dataFetcherConvention, dataLoaderConvention);
	}

	// No state (see below) means a subscription: its document is not looked at again.
	@Override
	public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput,
			InstrumentationExecutionParameters parameters, @Nullable InstrumentationState state) {
		return (state != null) ? super.instrumentExecutionInput(executionInput, parameters, state) : executionInput;
	}

	// Without this state, the other callbacks observe nothing.
	@Override
	public CompletableFuture<@Nullable InstrumentationState> createStateAsync(
			InstrumentationCreateStateParameters parameters) {
		return this.subscriptions.isSubscription(parameters.getExecutionInput())
				? CompletableFuture.completedFuture(null) : super.createStateAsync(parameters);
	}

}
