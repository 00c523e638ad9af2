package io.chatx.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.junit.jupiter.api.Test;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;

import org.springframework.graphql.execution.ErrorType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How failures become contract errors.
 */
class ChatxExceptionResolverTests {

	@Test
	void domainErrorKeepsItsCodeAndMessage() {
		GraphQLError error = ChatxExceptionResolver
			.toError(new ChatxException(ErrorCode.ROOM_FULL, "The room is full."), GraphqlErrorBuilder.newError());
		assertThat(error.getMessage()).isEqualTo("The room is full.");
		assertThat(error.getExtensions()).containsEntry("code", "ROOM_FULL");
	}

	@Test
	void unexpectedErrorIsInternalWithCorrelationIdAndNoDetails() {
		RuntimeException failure = new IllegalStateException(
				"ERROR: duplicate key value violates unique constraint in SELECT * FROM users");
		GraphQLError error = ChatxExceptionResolver.toError(failure, GraphqlErrorBuilder.newError());
		assertThat(error.getExtensions()).containsEntry("code", "INTERNAL").containsKey("correlationId");
		assertThat(error.getMessage()).contains((String) error.getExtensions().get("correlationId"))
			.doesNotContain("SELECT", "IllegalStateException", "constraint", "at io.chatx");
	}

	@Test
	void classificationsWithoutCodeMapToContractCodes() {
		assertThat(ErrorCodeInterceptor.codeOf(ErrorType.UNAUTHORIZED)).isEqualTo(ErrorCode.UNAUTHENTICATED);
		assertThat(ErrorCodeInterceptor.codeOf(ErrorType.FORBIDDEN)).isEqualTo(ErrorCode.FORBIDDEN);
		assertThat(ErrorCodeInterceptor.codeOf(ErrorType.INTERNAL_ERROR)).isEqualTo(ErrorCode.INTERNAL);
		assertThat(ErrorCodeInterceptor.codeOf(graphql.ErrorType.ValidationError)).isEqualTo(ErrorCode.BAD_USER_INPUT);
		assertThat(ErrorCodeInterceptor.codeOf(graphql.ErrorType.DataFetchingException)).isEqualTo(ErrorCode.INTERNAL);
		assertThat(ErrorCodeInterceptor.codeOf(graphql.ErrorType.NullValueInNonNullableField))
			.isEqualTo(ErrorCode.INTERNAL);
		assertThat(ErrorCodeInterceptor.codeOf(graphql.ErrorType.InvalidSyntax)).isEqualTo(ErrorCode.BAD_USER_INPUT);
	}

}
