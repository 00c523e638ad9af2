package io.chatx.live;

import graphql.ExecutionInput;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.observation.ExecutionRequestObservationContext;

import static org.assertj.core.api.Assertions.assertThat;

class LiveObservationFilterTests {

	private final LiveObservationFilter filter = new LiveObservationFilter();

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

	private boolean observed(String query, String operationName) {
		ExecutionInput input = ExecutionInput.newExecutionInput(query).operationName(operationName).build();
		return this.filter.test("graphql.request", new ExecutionRequestObservationContext(input));
	}

}
