package io.chatx.observability;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static org.assertj.core.api.Assertions.assertThat;

class UnobservedSubscriptionsInstrumentationTests {

	private static final GraphQLSchema SCHEMA = GraphQLSchema.newSchema()
		.query(GraphQLObjectType.newObject().name("Query").field(newFieldDefinition().name("me").type(GraphQLString)))
		.build();

	private final UnobservedSubscriptionsInstrumentation instrumentation = new UnobservedSubscriptionsInstrumentation(
			ObservationRegistry.create(), null, null, null);

	@Test
	void subscriptionsAreNotObservedAndOtherOperationsAre() {
		assertThat(observed("subscription { roomListEvents { __typename } }", null)).isFalse();
		assertThat(observed("{ me { id } }", null)).isTrue();
		assertThat(observed("mutation M { logout }", null)).isTrue();
	}

	@Test
	void theSelectedOperationOfADocumentDecides() {
		String document = "query Q { me { id } } subscription S { roomListEvents { __typename } }";
		assertThat(observed(document, "S")).isFalse();
		assertThat(observed(document, "Q")).isTrue();
		assertThat(observed(document, null)).isTrue();
	}

	@Test
	void aDocumentThatDoesNotParseIsObserved() {
		assertThat(observed("subscription {", null)).isTrue();
	}

	@Test
	void aSubscriptionKeepsTheSharedEmptyDataLoaderRegistry() {
		ExecutionInput subscription = input("subscription { roomListEvents { __typename } }", null);
		ExecutionInput query = input("{ me }", null);

		assertThat(instrumented(subscription)).isSameAs(subscription);
		assertThat(instrumented(query).getDataLoaderRegistry())
			.isNotSameAs(EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY);
	}

	/**
	 * Observed: the instrumentation has state for the request, which its callbacks need.
	 */
	private boolean observed(String query, @Nullable String operationName) {
		InstrumentationCreateStateParameters parameters = new InstrumentationCreateStateParameters(SCHEMA,
				input(query, operationName));
		return this.instrumentation.createStateAsync(parameters).join() != null;
	}

	private ExecutionInput instrumented(ExecutionInput input) {
		InstrumentationState state = this.instrumentation
			.createStateAsync(new InstrumentationCreateStateParameters(SCHEMA, input))
			.join();
		return this.instrumentation.instrumentExecutionInput(input,
				new InstrumentationExecutionParameters(input, SCHEMA), state);
	}

	private static ExecutionInput input(String query, @Nullable String operationName) {
		return ExecutionInput.newExecutionInput(query).operationName(operationName).build();
	}

}
