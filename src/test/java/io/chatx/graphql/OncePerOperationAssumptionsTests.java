package io.chatx.graphql;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import io.chatx.graphql.DocumentCacheConfiguration.DocumentCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link OncePerOperationInstrumentation} relies on in graphql-java (25.1): an
 * execution of a document served by the {@link DocumentCache} is handed the cached
 * {@link OperationDefinition} itself (the identity it remembers passed operations by);
 * the limit checks it wraps do all their work in the three callbacks it passes on; and
 * the complexity check runs when the operation executes, also when the cache spared the
 * validation. If the first fails, every operation is checked every time (correct, but the
 * saving is gone); if the others fail, a check is silently skipped.
 */
class OncePerOperationAssumptionsTests {

	private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { items(first: Int): [Item] } type Item { id: ID }"),
			RuntimeWiring.newRuntimeWiring().build());

	private static final String PAGE = "query ($n: Int) { items(first: $n) { id } }";

	private final DocumentCache cache = new DocumentCache(DocumentCache.MAX_TOTAL_CHARS,
			DocumentCache.MAX_DOCUMENT_CHARS);

	@Test
	void graphqlJavaHandsEachExecutionTheCachedOperationItself() {
		List<OperationDefinition> seen = new CopyOnWriteArrayList<>();
		GraphQL graphQl = GraphQL.newGraphQL(SCHEMA)
			.preparsedDocumentProvider(this.cache)
			.instrumentation(new SimplePerformantInstrumentation() {
				@Override
				public InstrumentationContext<ExecutionResult> beginExecuteOperation(
						InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
					seen.add(parameters.getExecutionContext().getOperationDefinition());
					return super.beginExecuteOperation(parameters, state);
				}
			})
			.build();

		execute(graphQl, PAGE, 1);
		execute(graphQl, PAGE, 2);

		assertThat(seen).hasSize(2);
		assertThat(seen.get(1)).isSameAs(seen.get(0));
	}

	@Test
	void theLimitChecksUseOnlyTheCallbacksTheWrapperPassesOn() {
		Set<String> passedOn = Set.of("createStateAsync", "beginValidation", "beginExecuteOperation");
		for (Class<?> check : List.of(MaxQueryDepthInstrumentation.class, MaxQueryComplexityInstrumentation.class,
				MaxRootFieldsInstrumentation.class)) {
			assertThat(instrumentationCallbacks(check)).as(check.getName()).isSubsetOf(passedOn);
		}
	}

	@Test
	void theComplexityCheckRunsAlsoWhenTheCacheSparedTheValidation() {
		GraphQL graphQl = GraphQL.newGraphQL(SCHEMA)
			.preparsedDocumentProvider(this.cache)
			.instrumentation(new OncePerOperationInstrumentation(
					new MaxQueryComplexityInstrumentation(100, new ListSizeComplexity())))
			.build();

		assertThat(execute(graphQl, PAGE, 10).getErrors()).isEmpty();
		assertThat(this.cache.contains(PAGE)).isTrue();
		assertThat(execute(graphQl, PAGE, 1000).getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getMessage()).containsIgnoringCase("complexity"));
	}

	private static ExecutionResult execute(GraphQL graphQl, String query, int n) {
		return graphQl.execute(ExecutionInput.newExecutionInput(query).variables(Map.of("n", n)).build());
	}

	/**
	 * The Instrumentation callbacks a check overrides, up to graphql-java's no-op base.
	 */
	private static Set<String> instrumentationCallbacks(Class<?> check) {
		Set<String> callbacks = new HashSet<>();
		Set<String> all = new HashSet<>(
				Arrays.stream(Instrumentation.class.getMethods()).map(Method::getName).toList());
		for (Class<?> type = check; type != SimplePerformantInstrumentation.class; type = type.getSuperclass()) {
			assertThat(type).as("%s extends SimplePerformantInstrumentation", check.getName()).isNotNull();
			Arrays.stream(type.getDeclaredMethods()).map(Method::getName).filter(all::contains).forEach(callbacks::add);
		}
		return callbacks;
	}

}
