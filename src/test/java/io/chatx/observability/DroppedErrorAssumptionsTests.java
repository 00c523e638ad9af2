package io.chatx.observability;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link DroppedErrorLog} recognises as a client leaving: Spring GraphQL (2.0.6)
 * cancels graphql-java's execution when whoever waited for its result goes away, and
 * graphql-java (25.1) then ends that execution with an {@link AbortExecutionException}
 * (which Reactor drops, as nobody waits for it any more). If this fails, such drops are
 * no longer recognised and are logged as errors again, or the special case can go.
 */
class DroppedErrorAssumptionsTests {

	private final CompletableFuture<String> slow = new CompletableFuture<>();

	private final CountDownLatch fetching = new CountDownLatch(1);

	private final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { slow: String }"),
			RuntimeWiring.newRuntimeWiring().type("Query", (type) -> type.dataFetcher("slow", (env) -> {
				this.fetching.countDown();
				return this.slow;
			})).build());

	@Test
	void aCancelledRequestEndsItsExecutionWithAbortExecutionException() throws InterruptedException {
		Outcome outcome = new Outcome();
		GraphQlSource source = GraphQlSource.builder(this.schema).instrumentation(List.of(outcome)).build();
		DefaultExecutionGraphQlService service = new DefaultExecutionGraphQlService(source);

		Disposable request = service
			.execute(new DefaultExecutionGraphQlRequest("{ slow }", null, null, null, "1", null))
			.subscribe();
		assertThat(this.fetching.await(5, TimeUnit.SECONDS)).isTrue();
		request.dispose();
		this.slow.complete("too late");

		assertThat(outcome.done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(outcome.input.isCancelled()).isTrue();
		assertThat(outcome.failure()).isInstanceOfSatisfying(AbortExecutionException.class,
				(abort) -> assertThat(abort).hasMessageContaining("cancelled"));
	}

	/** The execution's input and how it ended. */
	private static final class Outcome extends SimplePerformantInstrumentation {

		private final CountDownLatch done = new CountDownLatch(1);

		private volatile @Nullable ExecutionInput input;

		private volatile @Nullable ExecutionResult result;

		private volatile @Nullable Throwable exception;

		@Override
		public @Nullable InstrumentationContext<ExecutionResult> beginExecution(
				InstrumentationExecutionParameters parameters, InstrumentationState state) {
			this.input = parameters.getExecutionInput();
			return SimpleInstrumentationContext.whenCompleted((result, exception) -> {
				this.result = result;
				this.exception = exception;
				this.done.countDown();
			});
		}

		/** The exception, or the error in the result, the execution ended with. */
		@Nullable Object failure() {
			if (this.exception != null) {
				return (this.exception.getCause() != null) ? this.exception.getCause() : this.exception;
			}
			return (this.result != null && !this.result.getErrors().isEmpty()) ? this.result.getErrors().get(0) : null;
		}

	}

}
