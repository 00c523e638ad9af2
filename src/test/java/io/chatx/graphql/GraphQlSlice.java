package io.chatx.graphql;

import java.util.Map;

import graphql.GraphQLError;

import org.springframework.context.annotation.Import;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@code @GraphQlTest} of a ChatX controller needs besides the controller: the
 * contract's scalars, the input rules of the schema directives, and the error mapping of
 * subscriptions ({@link ChatxExceptionResolver}, a {@code DataFetcherExceptionResolver},
 * is picked up by the slice itself). Import it with {@code @Import(GraphQlSlice.class)};
 * it is no {@code @Configuration}, so that no component scan (tests that start ChatX with
 * a {@code SpringApplicationBuilder}) ever finds it.
 */
@Import({ ScalarConfiguration.class, InputValidationConfiguration.class, ChatxSubscriptionExceptionResolver.class })
public class GraphQlSlice {

	/**
	 * The client address that {@link #fromClient} puts where the web interceptor would.
	 */
	public static final String CLIENT_ADDRESS = "203.0.113.7";

	/**
	 * The slice's tester, with the client address that HTTP and WebSocket requests carry.
	 */
	public static GraphQlTester fromClient(ExecutionGraphQlServiceTester tester) {
		return tester.mutate()
			.configureExecutionInput((input, builder) -> builder
				.graphQLContext(Map.of(ClientAddressInterceptor.CLIENT_ADDRESS, CLIENT_ADDRESS))
				.build())
			.build();
	}

	/** The response failed with one error of this {@code extensions.code}. */
	public static void expectCode(GraphQlTester.Response response, String code) {
		response.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.extracting(ResponseError::getExtensions)
				.isEqualTo(Map.of("code", code)));
	}

	/** A stream ended with one error of this {@code extensions.code}. */
	public static void expectCode(Iterable<GraphQLError> errors, String code) {
		assertThat(errors).singleElement().extracting(GraphQLError::getExtensions).isEqualTo(Map.of("code", code));
	}

}
