package io.chatx.fanout;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.chatx.security.SignedInAuthentication;
import io.chatx.security.SignedInUser;
import io.chatx.support.TestSupport;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The strategy on plain graphql-java, wired as {@link SharedEventConfiguration} wires it:
 * a shared subscription field ({@code events}) and a non-shared one ({@code ticks}); each
 * subscription has its own queue of the same event objects, as the hub gives them.
 */
class SharedEventExecutionStrategyTests {

	private static final String SCHEMA = """
			directive @viewerDependent on FIELD_DEFINITION
			type Query { unused: String }
			type Subscription {
				events(room: ID): Event
				ticks(room: ID): Event
			}
			type Event {
				id: ID!
				text(shout: Boolean): String
				slow: String
				broken: String
				"Whether the viewer's name is the event's text."
				mine: Boolean @viewerDependent
			}
			""";

	private static final String EVENTS = "subscription { events { id text } }";

	private static final String TICKS = "subscription { ticks { id text } }";

	// One queue per subscription, as the hub's.
	private final List<Sinks.Many<Event>> queues = new CopyOnWriteArrayList<>();

	// Executions of Event.text, by event id.
	private final Map<String, AtomicInteger> texts = new ConcurrentHashMap<>();

	// Executions of Event.mine, by event id.
	private final Map<String, AtomicInteger> mines = new ConcurrentHashMap<>();

	// Event.slow of these events completes when the test says so.
	private final Map<String, CompletableFuture<String>> gates = new ConcurrentHashMap<>();

	private final GraphQL graphQl = graphQl(new CodedErrors());

	private final List<Received> subscribers = new CopyOnWriteArrayList<>();

	@AfterEach
	void cancelSubscriptions() {
		this.subscribers.forEach(Received::cancel);
	}

	@Test
	void deliversEventsInStreamOrderWhenAnEarlierOneCompletesLater() {
		for (String field : List.of("events", "ticks")) {
			Received subscriber = subscribe("subscription { " + field + " { id slow } }");
			CompletableFuture<String> first = gate("1");
			emit("1", "2");
			assertThat(subscriber.results).isEmpty();
			first.complete("late");

			assertThat(subscriber.next()).isEqualTo(Map.of("id", "1", "slow", "late"));
			assertThat(subscriber.next()).isEqualTo(Map.of("id", "2", "slow", "slow 2"));
			subscriber.cancel();
		}
	}

	@Test
	void takesTheNextSharedEventOnlyWhenThePreviousOneIsOut() {
		// An event taken from the queue is on its way out: the
		// hub's count of waiting events (its slow-consumer limit)
		// sees every event this subscriber has not received.
		Received subscriber = subscribe("subscription { events { slow text } }");
		CompletableFuture<String> first = gate("1");
		emit("1", "2");
		assertThat(texts("1")).isEqualTo(1);
		assertThat(texts("2")).isZero();
		first.complete("late");

		assertThat(subscriber.next()).containsEntry("slow", "late");
		assertThat(subscriber.next()).containsEntry("slow", "slow 2");
		assertThat(texts("2")).isEqualTo(1);
	}

	@Test
	void executesASharedEventOnceForSubscribersWithTheSameSelection() {
		Received first = subscribe(EVENTS);
		Received second = subscribe(EVENTS);
		emit("1", "2");

		Map<String, Object> one = first.next();
		assertThat(one).isInstanceOf(SharedResult.class).isEqualTo(Map.of("id", "1", "text", "text 1"));
		assertThat(second.next()).isSameAs(one);
		assertThat(second.next()).isSameAs(first.next());
		assertThat(texts("1")).isEqualTo(1);
		assertThat(texts("2")).isEqualTo(1);
	}

	@Test
	void sharesAcrossValuesOfTheArgumentsThatPickTheStream() {
		String query = "subscription ($room: ID) { events(room: $room) { id text } }";
		Received inA = subscribe(query, Map.of("room", "a"));
		Received inB = subscribe(query, Map.of("room", "b"));
		emit("1");

		assertThat(inB.next()).isSameAs(inA.next());
		assertThat(texts("1")).isEqualTo(1);
	}

	@Test
	void executesASharedEventOncePerSelection() {
		Received plain = subscribe(EVENTS);
		Received plainAgain = subscribe(EVENTS);
		Received shouted = subscribe("subscription ($shout: Boolean) { events { id text(shout: $shout) } }",
				Map.of("shout", true));
		Received textOnly = subscribe("subscription { events { text } }");
		emit("1");

		assertThat(plain.next()).isEqualTo(Map.of("id", "1", "text", "text 1"));
		assertThat(plainAgain.next()).isEqualTo(Map.of("id", "1", "text", "text 1"));
		assertThat(shouted.next()).isEqualTo(Map.of("id", "1", "text", "TEXT 1"));
		assertThat(textOnly.next()).isEqualTo(Map.of("text", "text 1"));
		assertThat(texts("1")).isEqualTo(3);
	}

	@Test
	void executesANonSharedFieldPerSubscriber() {
		Received first = subscribe(TICKS);
		Received second = subscribe(TICKS);
		emit("1");

		Map<String, Object> one = first.next();
		assertThat(one).isNotInstanceOf(SharedResult.class).isEqualTo(Map.of("id", "1", "text", "text 1"));
		assertThat(second.next()).isEqualTo(one).isNotSameAs(one);
		assertThat(texts("1")).isEqualTo(2);
	}

	@Test
	void deliversAFieldErrorAsAGraphQlErrorAndGoesOn() {
		for (String field : List.of("events", "ticks")) {
			String query = "subscription { " + field + " { id broken } }";
			Received first = subscribe(query);
			Received second = subscribe(query);
			emit("1", "2");

			for (Received subscriber : List.of(first, second)) {
				for (String id : List.of("1", "2")) {
					ExecutionResult result = subscriber.nextResult();
					assertThat(data(result)).containsOnlyKeys("id", "broken")
						.containsEntry("id", id)
						.containsEntry("broken", null);
					assertThat(result.getErrors()).singleElement().satisfies((error) -> {
						assertThat(error.getMessage()).isEqualTo("handled: broken " + id);
						assertThat(error.getExtensions()).containsEntry("code", "HANDLED");
						assertThat(error.getPath()).containsExactly(field, "broken");
					});
				}
				subscriber.cancel();
			}
		}
	}

	@Test
	void refusesASubscriptionWithTheErrorOfTheExceptionHandler() {
		// The strategy's own handler: graphql-java runs an event's fields with the query
		// strategy (and its handler), but fetches the stream with this one.
		GraphQL graphQl = graphQl(null);
		for (String field : List.of("events", "ticks")) {
			ExecutionResult result = graphQl
				.execute(ExecutionInput.newExecutionInput("subscription { " + field + "(room: \"closed\") { id } }"));

			assertThat(result.<Object>getData()).isNull();
			assertThat(result.getErrors()).singleElement().satisfies((error) -> {
				assertThat(error.getMessage()).isEqualTo("handled: no stream for a closed room");
				assertThat(error.getExtensions()).containsEntry("code", "HANDLED");
			});
		}
	}

	@Test
	void aSubscriberThatLeavesDoesNotStopTheOther() {
		Received leaving = subscribe("subscription { events { id slow } }");
		Received staying = subscribe("subscription { events { id slow } }");
		// The first subscriber executes the event, the second waits for its result.
		CompletableFuture<String> first = gate("1");
		emit("1");
		leaving.cancel();
		first.complete("late");
		emit("2");

		assertThat(staying.next()).isEqualTo(Map.of("id", "1", "slow", "late"));
		assertThat(staying.next()).isEqualTo(Map.of("id", "2", "slow", "slow 2"));
		assertThat(leaving.results).isEmpty();
	}

	@Test
	void executesAViewerDependentSelectionOncePerViewer() {
		String query = "subscription { events { id mine } }";
		Received ann = subscribe(query, Map.of(), "ann");
		Received annAgain = subscribe(query, Map.of(), "ann");
		Received bob = subscribe(query, Map.of(), "bob");
		emit("1");
		emit(new Event("2", "bob"));

		Map<String, Object> forAnn = ann.next();
		assertThat(forAnn).isEqualTo(Map.of("id", "1", "mine", false));
		assertThat(annAgain.next()).isSameAs(forAnn);
		assertThat(bob.next()).isEqualTo(Map.of("id", "1", "mine", false)).isNotSameAs(forAnn);
		assertThat(ann.next()).isEqualTo(Map.of("id", "2", "mine", false));
		assertThat(annAgain.next()).isEqualTo(Map.of("id", "2", "mine", false));
		assertThat(bob.next()).isEqualTo(Map.of("id", "2", "mine", true));
		assertThat(this.mines.get("1")).hasValue(2);
		assertThat(this.mines.get("2")).hasValue(2);
	}

	@Test
	void sharesASelectionWithoutAViewerDependentFieldAcrossViewers() {
		Received ann = subscribe(EVENTS, Map.of(), "ann");
		Received bob = subscribe(EVENTS, Map.of(), "bob");
		emit("1");

		assertThat(bob.next()).isSameAs(ann.next());
		assertThat(texts("1")).isEqualTo(1);
	}

	@Test
	void executesAViewerDependentSelectionPerSubscriberWhenTheViewerIsUnknown() {
		String query = "subscription { events { id text mine } }";
		Received first = subscribe(query);
		Received second = subscribe(query);
		emit("1");

		Map<String, Object> one = first.next();
		assertThat(one).isNotInstanceOf(SharedResult.class).containsEntry("text", "text 1");
		assertThat(second.next()).isEqualTo(one).isNotSameAs(one);
		assertThat(texts("1")).isEqualTo(2);
	}

	/**
	 * @param defaultHandler the exception handler of the query strategy, which Spring
	 * sets to the same resolvers; {@code null} for graphql-java's
	 */
	private GraphQL graphQl(@Nullable DataFetcherExceptionHandler defaultHandler) {
		GraphQL.Builder builder = GraphQL
			.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring()))
			.subscriptionExecutionStrategy(new SharedEventExecutionStrategy(new CodedErrors(), Set.of("events")));
		if (defaultHandler != null) {
			builder.defaultDataFetcherExceptionHandler(defaultHandler);
		}
		return builder.build();
	}

	private RuntimeWiring wiring() {
		return RuntimeWiring.newRuntimeWiring()
			.type("Subscription", (type) -> type.dataFetcher("events", this::queue).dataFetcher("ticks", this::queue))
			.type("Event", (type) -> type.dataFetcher("text", this::text)
				.dataFetcher("slow",
						(env) -> this.gates.getOrDefault(id(env), CompletableFuture.completedFuture("slow " + id(env))))
				.dataFetcher("mine", this::mine)
				.dataFetcher("broken", (env) -> {
					throw new IllegalStateException("broken " + id(env));
				}))
			.build();
	}

	private Flux<Event> queue(DataFetchingEnvironment env) {
		if ("closed".equals(env.getArgument("room"))) {
			throw new IllegalStateException("no stream for a closed room");
		}
		Sinks.Many<Event> queue = Sinks.many().unicast().onBackpressureBuffer();
		this.queues.add(queue);
		return queue.asFlux();
	}

	private String text(DataFetchingEnvironment env) {
		this.texts.computeIfAbsent(id(env), (id) -> new AtomicInteger()).incrementAndGet();
		String text = env.<Event>getSource().text();
		return Boolean.TRUE.equals(env.getArgument("shout")) ? text.toUpperCase() : text;
	}

	// As ChatX's fields find the viewer: in the Reactor context copied into the GraphQL
	// context (here, by the test's subscribe).
	private @Nullable Boolean mine(DataFetchingEnvironment env) {
		this.mines.computeIfAbsent(id(env), (id) -> new AtomicInteger()).incrementAndGet();

		Mono<SecurityContext> context = env.getGraphQlContext().get(SecurityContext.class);
		if (context == null) {
			return null;
		}
		String viewer = ((SignedInUser) context.block().getAuthentication().getPrincipal()).username();
		return viewer.equals(env.<Event>getSource().text());
	}

	private static String id(DataFetchingEnvironment env) {
		return env.<Event>getSource().id();
	}

	private int texts(String id) {
		AtomicInteger count = this.texts.get(id);
		return (count != null) ? count.get() : 0;
	}

	private CompletableFuture<String> gate(String id) {
		CompletableFuture<String> gate = new CompletableFuture<>();
		this.gates.put(id, gate);
		return gate;
	}

	/** One event object per id, offered to every subscription's queue. */
	private void emit(String... ids) {
		for (String id : ids) {
			emit(new Event(id, "text " + id));
		}
	}

	private void emit(Event event) {
		this.queues.forEach((queue) -> queue.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST));
	}

	private Received subscribe(String query) {
		return subscribe(query, Map.of());
	}

	private Received subscribe(String query, Map<String, Object> variables) {
		return subscribe(query, variables, null);
	}

	/**
	 * @param viewer the signed-in user's name, put where Spring GraphQL puts the
	 * connection's security context; {@code null} for none
	 */
	private Received subscribe(String query, Map<String, Object> variables, @Nullable String viewer) {
		Map<Object, Object> context = new HashMap<>();
		if (viewer != null) {
			SignedInUser user = new SignedInUser(UUID.nameUUIDFromBytes(viewer.getBytes(StandardCharsets.UTF_8)),
					viewer);
			ReactiveSecurityContextHolder
				.withSecurityContext(Mono.just(new SecurityContextImpl(new SignedInAuthentication(user))))
				.forEach(context::put);
		}
		ExecutionResult result = this.graphQl
			.execute(ExecutionInput.newExecutionInput(query).variables(variables).graphQLContext(context));
		assertThat(result.getErrors()).isEmpty();
		Publisher<ExecutionResult> results = result.getData();
		Received received = new Received();
		received.subscription = Flux.from(results).subscribe(received.results::add, received.results::add);
		this.subscribers.add(received);
		return received;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> data(ExecutionResult result) {
		Map<String, Object> data = result.getData();
		assertThat(data).hasSize(1);
		return (Map<String, Object>) data.values().iterator().next();
	}

	record Event(String id, String text) {
	}

	/** One subscription's results (and its error, if it fails) as they arrive. */
	private static final class Received {

		final BlockingQueue<Object> results = new LinkedBlockingQueue<>();

		@Nullable Disposable subscription;

		ExecutionResult nextResult() {
			Object next;
			try {
				next = this.results.poll(TestSupport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (next instanceof ExecutionResult result) {
				return result;
			}
			return fail((next != null) ? "subscription failed: " + next : "no result within " + TestSupport.TIMEOUT);
		}

		Map<String, Object> next() {
			ExecutionResult result = nextResult();
			assertThat(result.getErrors()).isEmpty();
			return data(result);
		}

		void cancel() {
			if (this.subscription != null) {
				this.subscription.dispose();
			}
		}

	}

	/** Field errors as an application's resolvers make them: a message and a code. */
	private static final class CodedErrors implements DataFetcherExceptionHandler {

		@Override
		public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
				DataFetcherExceptionHandlerParameters parameters) {
			GraphQLError error = GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment())
				.message("handled: " + parameters.getException().getMessage())
				.extensions(Map.of("code", "HANDLED"))
				.build();
			return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
		}

	}

}
