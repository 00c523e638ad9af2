package io.chatx.graphql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.Argument;
import graphql.language.VariableReference;

/**
 * Runs subscriptions like graphql-java does, with two changes. Events go out in the order
 * their stream emitted them, even when a field completes asynchronously. And an event that
 * reaches many subscribers with the same selection is completed once: the first subscriber
 * computes the result (and, lazily, its JSON), the others share it. Only root fields whose
 * results do not depend on who is asking may be shared.
 */
final class SharedEventExecutionStrategy extends SubscriptionExecutionStrategy {

	private static final String KEY = SharedEventExecutionStrategy.class.getName() + ".key";

	private final Set<String> sharedFields;

	// Identity-keyed (weak keys): one entry per live event object, dropped with it.
	private final Cache<Object, Map<String, CompletableFuture<Completed>>> results = Caffeine.newBuilder()
		.weakKeys()
		.expireAfterWrite(Duration.ofSeconds(30))
		.build();

	SharedEventExecutionStrategy(DataFetcherExceptionHandler exceptionHandler, Set<String> sharedFields) {
		super(exceptionHandler);
		this.sharedFields = sharedFields;
	}

	@Override
	public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
		context.getGraphQLContext().put(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true);
		return super.execute(context, parameters);
	}

	@Override
	protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters,
			Object fetchedValue) {
		Object event = FetchedValue.getFetchedValue(fetchedValue);
		// A subscription event is completed with the event as the execution's root.
		if (event == null || event != context.getRoot() || parameters.getPath().getLevel() != 1
				|| !this.sharedFields.contains(parameters.getField().getName())) {
			return super.completeField(context, parameters, fetchedValue);
		}
		Map<String, CompletableFuture<Completed>> byKey = this.results.get(event, (e) -> new ConcurrentHashMap<>());
		CompletableFuture<Completed> mine = new CompletableFuture<>();
		CompletableFuture<Completed> earlier = byKey.putIfAbsent(selectionKey(context, parameters), mine);
		if (earlier != null) {
			return new FieldValueInfo(FieldValueInfo.CompleteValueType.OBJECT, earlier.thenApply((done) -> {
				context.addErrors(done.errors());
				return done.value();
			}));
		}
		FieldValueInfo info = super.completeField(context, parameters, fetchedValue);
		CompletableFuture<Object> value = info.getFieldValueFuture().thenApply(SharedEventExecutionStrategy::shareable);
		value.whenComplete((result, ex) -> {
			if (ex != null) {
				mine.completeExceptionally(ex);
			}
			else {
				mine.complete(new Completed(result, List.copyOf(context.getErrors())));
			}
		});
		return new FieldValueInfo(info.getCompleteValueType(), value, info.getFieldValueInfos());
	}

	@SuppressWarnings("unchecked")
	private static Object shareable(Object value) {
		return (value instanceof Map<?, ?> map) ? new SharedResult((Map<String, Object>) map) : value;
	}

	/**
	 * What makes two subscriptions' results equal: the document, the operation and the
	 * variables, except those that only pick the stream (the root field's arguments).
	 */
	private static String selectionKey(ExecutionContext context, ExecutionStrategyParameters parameters) {
		String key = context.getGraphQLContext().get(KEY);
		if (key == null) {
			Map<String, Object> variables = new TreeMap<>(context.getCoercedVariables().toMap());
			for (Argument argument : parameters.getField().getSingleField().getArguments()) {
				if (argument.getValue() instanceof VariableReference reference) {
					variables.remove(reference.getName());
				}
			}
			key = context.getExecutionInput().getOperationName() + "\n" + context.getExecutionInput().getQuery() + "\n"
					+ variables;
			context.getGraphQLContext().put(KEY, key);
		}
		return key;
	}

	private record Completed(Object value, List<GraphQLError> errors) {
	}

}
