package io.chatx.graphql;

import java.net.URI;
import java.util.Map;

import graphql.GraphQLError;
import org.junit.jupiter.api.Test;

import io.chatx.common.ErrorCode;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors carry the contract code beside Spring's classification; a refusal has no data.
 */
class GraphQlErrorsTests {

	@Test
	void anErrorCarriesItsCodeAndClassification() {
		GraphQLError error = GraphQlErrors.of(ErrorCode.RATE_LIMITED, "Slow down.");

		assertThat(error.getMessage()).isEqualTo("Slow down.");
		assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
		assertThat(error.getExtensions()).isEqualTo(Map.of("code", "RATE_LIMITED"));
	}

	@Test
	void aRefusalHasOneErrorAndNoData() {
		WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(),
				null, null, Map.of(), Map.of("query", "{ me { id } }"), "1", null);

		WebGraphQlResponse response = GraphQlErrors.refusal(request, ErrorCode.BAD_USER_INPUT, "No.");

		assertThat(response.getExecutionResult().toSpecification()).doesNotContainKey("data");
		assertThat(response.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getMessage()).isEqualTo("No.");
			assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
		});
	}

}
