package io.chatx.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import io.chatx.common.ErrorCode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives every error in a response an {@code extensions.code}, also those that
 * graphql-java raises before any data fetcher runs (syntax, validation, depth and
 * complexity limits, input rules of the extended validation directives).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorCodeInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(this::withCodes);
	}

	private WebGraphQlResponse withCodes(WebGraphQlResponse response) {
		List<ResponseError> errors = response.getErrors();
		if (errors.isEmpty() || errors.stream().allMatch((error) -> error.getExtensions().containsKey("code"))) {
			return response;
		}
		return response.transform((builder) -> builder.errors(errors.stream().map(this::withCode).toList()));
	}

	private GraphQLError withCode(ResponseError error) {
		Map<String, Object> extensions = new HashMap<>(error.getExtensions());
		extensions.putIfAbsent("code", codeOf(error.getErrorType()).name());
		return GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations(error.getLocations())
			.path(error.getParsedPath())
			.errorType(error.getErrorType())
			.extensions(extensions)
			.build();
	}

	static ErrorCode codeOf(ErrorClassification classification) {
		if (classification instanceof ErrorType springType) {
			return switch (springType) {
				case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
				case FORBIDDEN -> ErrorCode.FORBIDDEN;
				case NOT_FOUND -> ErrorCode.NOT_FOUND;
				case BAD_REQUEST -> ErrorCode.BAD_USER_INPUT;
				case INTERNAL_ERROR -> ErrorCode.INTERNAL;
			};
		}
		if (classification instanceof graphql.ErrorType graphqlType) {
			// A failed fetch or a null where the schema promises
			// a value is the server's fault; the others (syntax,
			// validation, aborted by limits) are the request's.
			return switch (graphqlType) {
				case DataFetchingException, NullValueInNonNullableField -> ErrorCode.INTERNAL;
				default -> ErrorCode.BAD_USER_INPUT;
			};
		}
		// ExtendedValidationError and any other classification raised by request checks.
		return ErrorCode.BAD_USER_INPUT;
	}

}
