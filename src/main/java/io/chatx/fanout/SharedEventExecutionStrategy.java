package io.chatx.fanout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.Async;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.Argument;
import graphql.language.VariableReference;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

import io.chatx.security.SignedInUser;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * Runs subscriptions like graphql-java does, with two changes. Events go out in the order
 * their stream emitted them, even when a field completes asynchronously. And for the
 * {@code sharedFields}, an event that reaches many subscribers with the same selection is
 * executed once: the first subscriber to need it runs graphql-java's own event execution,
 * the others wait for and reuse that result (whose JSON is also written once, see
 * {@link SharedResult}). A selection that can reach a {@code @viewerDependent} field is
 * shared by the same viewer's subscriptions only (by none when the viewer is unknown).
 * <p>
 * How: the source stream the data fetcher returns is kept here; graphql-java is given a
 * stream of only the events this subscriber executes itself, and the subscriber's results
 * are the source events, in order, each mapped to its shared result.
 */
final class SharedEventExecutionStrategy extends SubscriptionExecutionStrategy {

	private static final String SOURCE = SharedEventExecutionStrategy.class.getName() + ".source";

	private final Set<String> sharedFields;

	private final ViewerDependentSelections viewerDependent = new ViewerDependentSelections();

	// Identity-keyed (weak keys): per live event object, its results by selection.
	private final Cache<Object, Map<Object, CompletableFuture<ExecutionResult>>> results = Caffeine.newBuilder()
		.weakKeys()
		.expireAfterWrite(Duration.ofSeconds(30))
		.build();

	SharedEventExecutionStrategy(DataFetcherExceptionHandler exceptionHandler, Set<String> sharedFields) {
		super(exceptionHandler);
		this.sharedFields = sharedFields;
	}

	@Override
	public CompletableFuture<ExecutionResult> execute(ExecutionContext context,
			ExecutionStrategyParameters parameters) {
		context.getGraphQLContext().put(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true);
		return super.execute(context, parameters).thenApply((result) -> {
			SharedSource source = context.getGraphQLContext().get(SOURCE);
			if (source == null || !(result.getData() instanceof Publisher<?> executed)) {
				return result;
			}
			@SuppressWarnings("unchecked")
			Publisher<ExecutionResult> own = (Publisher<ExecutionResult>) executed;
			return ExecutionResult.newExecutionResult().from(result).data(source.results(own)).build();
		});
	}

	@Override
	protected Object fetchField(ExecutionContext context, ExecutionStrategyParameters parameters) {
		Object fetched = super.fetchField(context, parameters);
		if (parameters.getPath().getLevel() != 1 || !this.sharedFields.contains(parameters.getField().getName())) {
			return fetched;
		}
		String selection = selectionKey(context, parameters);
		ExecutionInput input = context.getExecutionInput();
		if (!this.viewerDependent.reachViewerDependentField(input.getQuery(), input.getOperationName(),
				context.getGraphQLSchema(), context.getOperationDefinition(), context.getFragmentsByName())) {
			return share(context, fetched, selection);
		}
		// Shared by the viewer's own subscriptions (several tabs, say) only; without a
		// viewer, by none: graphql-java executes each event for this subscriber.
		return viewer(context.getGraphQLContext()).thenCompose((viewer) -> Async.toCompletableFuture(
				(viewer != null) ? share(context, fetched, new ViewerSelection(selection, viewer)) : fetched));
	}

	// The source stream is kept here: graphql-java is given the events this subscriber
	// executes itself, and each of its results goes to the subscribers with this key.
	private Object share(ExecutionContext context, Object fetched, Object key) {
		Function<Object, Object> keep = (value) -> {
			if (!(FetchedValue.getFetchedValue(value) instanceof Publisher<?> events)) {
				return value;
			}
			SharedSource source = new SharedSource(Flux.from(events), key);
			context.getGraphQLContext().put(SOURCE, source);
			return (value instanceof FetchedValue fetchedValue)
					? new FetchedValue(source.misses(), fetchedValue.getErrors(), fetchedValue.getLocalContext())
					: source.misses();
		};
		return (fetched instanceof CompletableFuture<?> future) ? future.thenApply(keep) : keep.apply(fetched);
	}

	/**
	 * What makes two subscriptions' results equal: the document, the operation and the
	 * variables, except those that only pick the stream (the root field's arguments).
	 */
	private static String selectionKey(ExecutionContext context, ExecutionStrategyParameters parameters) {
		Map<String, Object> variables = new TreeMap<>(context.getCoercedVariables().toMap());
		for (Argument argument : parameters.getField().getSingleField().getArguments()) {
			if (argument.getValue() instanceof VariableReference reference) {
				variables.remove(reference.getName());
			}
		}
		// Interned: the room's subscribers with one
		// selection hold one copy of this long key.
		return (context.getExecutionInput().getOperationName() + "\n" + context.getExecutionInput().getQuery() + "\n"
				+ variables)
			.intern();
	}

	/**
	 * The signed-in user's id as the fields' {@code @AuthenticationPrincipal} finds it:
	 * in the Reactor context that Spring GraphQL copies into the GraphQL context (for a
	 * WebSocket, the connection's SecurityContext); null when there is none.
	 */
	private static CompletableFuture<@Nullable UUID> viewer(GraphQLContext context) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.mapNotNull(
					(authentication) -> (authentication.getPrincipal() instanceof SignedInUser user) ? user.id() : null)
			.contextWrite(
					Context.of(context.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
			.onErrorResume((ex) -> Mono.empty())
			.toFuture();
	}

	/** The result as shared: its top-level objects are written to JSON once. */
	private static ExecutionResult shared(ExecutionResult result) {
		if (!(result.getData() instanceof Map<?, ?> data)) {
			return result;
		}
		Map<String, Object> wrapped = new LinkedHashMap<>();
		data.forEach((field, value) -> {
			@SuppressWarnings("unchecked")
			Object shared = (value instanceof Map<?, ?> map) ? new SharedResult((Map<String, Object>) map) : value;
			wrapped.put((String) field, shared);
		});
		return ExecutionResult.newExecutionResult().from(result).data(wrapped).build();
	}

	/** One subscription's source events, and the events it executes itself. */
	private final class SharedSource {

		// Dropped once subscribed: the assembled stream holds
		// the data fetcher's environment and context snapshot,
		// which a long-lived subscription does not need to keep.
		private @Nullable Flux<Object> events;

		// The selection, or the selection and viewer.
		private final Object key;

		// Rarely used (an event this subscriber must execute itself): a
		// small first block, not the default 256 slots per subscription.
		private final Sinks.Many<Object> misses = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.unbounded(8).get());

		// Results this subscriber owes (to itself and to others), in the order executed.
		private final Queue<CompletableFuture<ExecutionResult>> owed = new ConcurrentLinkedQueue<>();

		SharedSource(Flux<Object> events, Object key) {
			this.events = events;
			this.key = key;
		}

		Flux<Object> misses() {
			return this.misses.asFlux();
		}

		Flux<ExecutionResult> results(Publisher<ExecutionResult> own) {
			return Flux.defer(() -> {
				Disposable executing = Flux.from(own).subscribe((result) -> {
					CompletableFuture<ExecutionResult> next = this.owed.poll();
					if (next != null) {
						// Completing runs every waiting subscriber's delivery:
						// not on the thread that finished the execution, often
						// a database connection's event loop.
						ExecutionResult shared = shared(result);
						Schedulers.parallel().schedule(() -> next.complete(shared));
					}
				}, this::abandon, () -> abandon(null));
				// One event at a time: concatMap does not prefetch (Reactor 3.5+), so an
				// event taken from the hub's queue is on its way out, and the hub's count
				// of waiting events (its slow-consumer limit) stays true.
				Flux<Object> events = Objects.requireNonNull(this.events, "subscribed once");
				this.events = null;
				return events.map(this::resolve).concatMap(Function.identity()).doFinally((signal) -> {
					this.misses.tryEmitComplete();
					executing.dispose();
					abandon(null);
				});
			});
		}

		private Mono<ExecutionResult> resolve(Object event) {
			Map<Object, CompletableFuture<ExecutionResult>> byKey = SharedEventExecutionStrategy.this.results
				.getIfPresent(event);
			if (byKey == null) {
				byKey = SharedEventExecutionStrategy.this.results.get(event, (e) -> new ConcurrentHashMap<>(4));
			}
			CompletableFuture<ExecutionResult> mine = new CompletableFuture<>();
			CompletableFuture<ExecutionResult> earlier = byKey.putIfAbsent(this.key, mine);
			if (earlier == null) {
				this.owed.add(mine);
				this.misses.tryEmitNext(event);
				return Mono.fromFuture(mine, true)
					.onErrorMap(Abandoned.class, (ex) -> (ex.getCause() != null) ? ex.getCause()
							: new IllegalStateException("Stream ended"));
			}
			if (earlier.isDone() && !earlier.isCompletedExceptionally()) {
				return Mono.just(earlier.join());
			}
			// Another subscriber is executing it; if
			// that one goes away first, execute it here.
			Map<Object, CompletableFuture<ExecutionResult>> shared = byKey;
			return Mono.fromFuture(earlier, true).onErrorResume(Abandoned.class, (ex) -> {
				shared.remove(this.key, earlier);
				return resolve(event);
			});
		}

		private void abandon(@Nullable Throwable cause) {
			CompletableFuture<ExecutionResult> next;
			while ((next = this.owed.poll()) != null) {
				next.completeExceptionally(new Abandoned(cause));
			}
		}

	}

	/** The key of a selection whose results are shared by one viewer's subscriptions. */
	private record ViewerSelection(String selection, UUID viewer) {
	}

	/**
	 * A result its subscriber stopped executing (it ended, or its execution failed). A
	 * cancellation: when whoever waited for it has gone too, Reactor drops it quietly
	 * instead of logging it as an error.
	 */
	private static final class Abandoned extends CancellationException {

		Abandoned(@Nullable Throwable cause) {
			super("Abandoned by its subscriber");
			initCause(cause);
		}

		// Made whenever a subscriber ends with results owed; its stack says nothing.
		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
