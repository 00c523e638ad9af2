package io.chatx.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SharedEventExecutionStrategy}'s overrides rely on in graphql-java's
 * {@link SubscriptionExecutionStrategy} (25.1): {@code execute} fetches the root field
 * through the overridable {@code fetchField} once per subscription (not per event), the
 * value fetched there is the data fetcher's stream itself (so the override can keep it
 * and hand back another), the result's data is a stream of results, one per event, and
 * {@link SubscriptionExecutionStrategy#KEEP_SUBSCRIPTION_EVENTS_ORDERED} keeps them in
 * stream order. If one of these fails, events are no longer shared, or no longer ordered.
 */
class SubscriptionStrategyAssumptionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Flux<Map<String, Object>> events = Flux.just(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3));

	private final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
			type Query { unused: Int }
			type Subscription { events: Event }
			type Event { text: String }
			"""),
			RuntimeWiring.newRuntimeWiring()
				.type("Subscription", (type) -> type.dataFetcher("events", (env) -> this.events))
				// The first event's field completes last.
				.type("Event", (type) -> type.dataFetcher("text", (env) -> {
					int n = (int) env.<Map<String, Object>>getSource().get("n");
					return (n == 1)
							? CompletableFuture.supplyAsync(() -> "1",
									CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
							: CompletableFuture.completedFuture(String.valueOf(n));
				}))
				.build());

	@Test
	void theRootStreamIsFetchedOnceThroughFetchFieldAndItsEventsKeepTheirOrder() {
		RootFetches strategy = new RootFetches();
		ExecutionResult result = GraphQL.newGraphQL(this.schema)
			.subscriptionExecutionStrategy(strategy)
			.build()
			.execute(ExecutionInput.newExecutionInput("subscription { events { text } }")
				.graphQLContext(Map.of(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true)));

		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Object>getData()).isInstanceOf(Publisher.class);
		@SuppressWarnings("unchecked")
		Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) result.getData();
		StepVerifier.create(Flux.from(results).map((each) -> each.<Map<String, Map<String, String>>>getData()))
			.expectNext(Map.of("events", Map.of("text", "1")))
			.expectNext(Map.of("events", Map.of("text", "2")))
			.expectNext(Map.of("events", Map.of("text", "3")))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(strategy.fetched).singleElement().isSameAs(this.events);
	}

	/** graphql-java's strategy, recording what it fetched for the root field. */
	private static final class RootFetches extends SubscriptionExecutionStrategy {

		private final List<Object> fetched = new CopyOnWriteArrayList<>();

		@Override
		protected Object fetchField(ExecutionContext context, ExecutionStrategyParameters parameters) {
			Object fetched = super.fetchField(context, parameters);
			if (parameters.getPath().getLevel() == 1) {
				if (fetched instanceof CompletableFuture<?> future) {
					future.thenAccept((value) -> this.fetched.add(FetchedValue.getFetchedValue(value)));
				}
				else {
					this.fetched.add(FetchedValue.getFetchedValue(fetched));
				}
			}
			return fetched;
		}

	}

}
