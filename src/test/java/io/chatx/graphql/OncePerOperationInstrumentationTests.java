package io.chatx.graphql;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.ExecutionInput;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation check runs once per cached operation, except where @skip or @include can
 * change what the operation selects, and an operation over a limit is refused every time.
 */
class OncePerOperationInstrumentationTests {

	private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { node: Node } type Node { id: ID child: Node }"),
			RuntimeWiring.newRuntimeWiring().build());

	private final AtomicInteger checks = new AtomicInteger();

	private final GraphQL graphQl = GraphQL.newGraphQL(SCHEMA)
		.instrumentation(new OncePerOperationInstrumentation(
				new ChainedInstrumentation(new CountingCheck(), new MaxQueryDepthInstrumentation(3))))
		.preparsedDocumentProvider(new CachingProvider())
		.build();

	@Test
	void checksAnOperationOnceWhenItHasNoConditionalFields() {
		for (int i = 0; i < 3; i++) {
			assertThat(execute("{ node { id } }", Map.of()).getErrors()).isEmpty();
		}
		assertThat(this.checks).hasValue(1);
	}

	@Test
	void checksEveryTimeWhenSkipOrIncludeCanChangeTheSelection() {
		String query = "query ($deep: Boolean!) { node { child @include(if: $deep) { child { child { id } } } } }";
		assertThat(execute(query, Map.of("deep", false)).getErrors()).isEmpty();
		assertThat(execute(query, Map.of("deep", true)).getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getMessage()).containsIgnoringCase("depth"));
		assertThat(this.checks).hasValue(2);
	}

	@Test
	void refusesAnOperationOverTheLimitEveryTime() {
		String tooDeep = "{ node { child { child { child { id } } } } }";
		for (int i = 0; i < 2; i++) {
			assertThat(execute(tooDeep, Map.of()).getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getMessage()).containsIgnoringCase("depth"));
		}
		assertThat(this.checks).hasValue(2);
	}

	@Test
	void findsConditionalFieldsInFragments() {
		assertThat(OncePerOperationInstrumentation
			.hasConditionalFields(Parser.parse("{ ...F } fragment F on Query { node @skip(if: true) { id } }")))
			.isTrue();
		assertThat(OncePerOperationInstrumentation.hasConditionalFields(Parser.parse("{ node @deprecated { id } }")))
			.isFalse();
	}

	private ExecutionResult execute(String query, Map<String, Object> variables) {
		return this.graphQl.execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
	}

	/** Counts how often the wrapped check runs. */
	private final class CountingCheck implements graphql.execution.instrumentation.Instrumentation {

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			OncePerOperationInstrumentationTests.this.checks.incrementAndGet();
			return null;
		}

	}

	/**
	 * The same document (and operation) for the same query text, as in the application.
	 */
	private static final class CachingProvider implements PreparsedDocumentProvider {

		private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

		@Override
		public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
				Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
			return CompletableFuture.completedFuture(
					this.documents.computeIfAbsent(input.getQuery(), (query) -> parseAndValidate.apply(input)));
		}

	}

}
