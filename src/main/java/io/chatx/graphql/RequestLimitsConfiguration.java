package io.chatx.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rejects operations that are too deep or too complex before they run; an operation that
 * passed is not walked again (see {@link OncePerOperationInstrumentation}).
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

	@Bean
	OncePerOperationInstrumentation operationLimitsInstrumentation(RequestLimitsProperties limits) {
		return new OncePerOperationInstrumentation(
				new ChainedInstrumentation(new MaxQueryDepthInstrumentation(limits.maxQueryDepth()),
						new MaxQueryComplexityInstrumentation(limits.maxQueryComplexity())));
	}

}
