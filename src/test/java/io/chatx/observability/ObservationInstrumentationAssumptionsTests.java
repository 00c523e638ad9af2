package io.chatx.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.graphql.autoconfigure.observation.GraphQlObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link UnobservedSubscriptionsInstrumentation} relies on: Spring Boot (4.1) backs
 * its own GraphQL observation instrumentation off when a bean of that type exists, and
 * Spring GraphQL's (2.0.6) instrumentation observes nothing in a request for which it
 * created no state. If the first fails, both instrumentations run and subscriptions are
 * observed again; if the second fails, a new callback of Spring GraphQL observes without
 * looking at its state, and this subclass must skip it too.
 */
class ObservationInstrumentationAssumptionsTests {

	private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
			type Query { event: Event }
			type Subscription { events: Event }
			type Event { text: String }
			"""),
			RuntimeWiring.newRuntimeWiring()
				.type("Query", (type) -> type.dataFetcher("event", (env) -> Map.of()))
				.type("Subscription", (type) -> type.dataFetcher("events", (env) -> Flux.just(Map.of(), Map.of())))
				// Not a property: Spring GraphQL observes only non-trivial data fetchers.
				.type("Event", (type) -> type.dataFetcher("text", (env) -> "hello"))
				.build());

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GraphQlObservationAutoConfiguration.class))
		.withBean(ObservationRegistry.class, ObservationRegistry::create);

	@Test
	void springBootBacksOffForOurInstrumentation() {
		this.contexts.run((context) -> assertThat(context).getBean(GraphQlObservationInstrumentation.class)
			.isExactlyInstanceOf(GraphQlObservationInstrumentation.class));
		this.contexts.withUserConfiguration(ObservabilityConfiguration.class)
			.run((context) -> assertThat(context).getBeans(GraphQlObservationInstrumentation.class)
				.hasSize(1)
				.hasEntrySatisfying("graphQlObservationInstrumentation",
						(bean) -> assertThat(bean).isInstanceOf(UnobservedSubscriptionsInstrumentation.class)));
	}

	@Test
	void springGraphQlObservesNothingInARequestWithoutState() {
		AtomicInteger observations = new AtomicInteger();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new Counting(observations));
		GraphQL graphQl = GraphQL.newGraphQL(SCHEMA)
			.instrumentation(new UnobservedSubscriptionsInstrumentation(registry, null, null, null))
			.build();

		ExecutionResult subscription = graphQl.execute("subscription { events { text } }");
		@SuppressWarnings("unchecked")
		Publisher<ExecutionResult> events = (Publisher<ExecutionResult>) subscription.getData();
		StepVerifier.create(events).expectNextCount(2).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(observations).hasValue(0);

		assertThat(graphQl.execute("{ event { text } }").getErrors()).isEmpty();
		// The request, and the data fetchers of event and text.
		assertThat(observations).hasValue(3);
	}

	/** Counts the observations started. */
	private record Counting(AtomicInteger started) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			this.started.incrementAndGet();
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
