package io.chatx.graphql;

import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import io.chatx.common.ErrorCode;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

/**
 * GraphQL errors in the contract's shape: a message, Spring's classification and
 * {@code extensions.code}.
 */
public final class GraphQlErrors {

	private GraphQlErrors() {
	}

	public static GraphQLError of(ErrorCode code, String message) {
		return of(GraphqlErrorBuilder.newError(), code, message);
	}

	/** The error built on {@code builder}, which may already hold a path and location. */
	static GraphQLError of(GraphqlErrorBuilder<?> builder, ErrorCode code, String message) {
		return builder.message(message)
			.errorType(code.classification())
			.extensions(Map.of("code", code.name()))
			.build();
	}

	/** The answer to a request refused before it ran: no data, one error. */
	public static WebGraphQlResponse refusal(WebGraphQlRequest request, ErrorCode code, String message) {
		ExecutionResult result = ExecutionResult.newExecutionResult().addError(of(code, message)).build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

}
