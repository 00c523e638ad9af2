package io.chatx.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rejects operations that are too deep, have too many top-level fields or are too complex
 * (page sizes counted: {@link ListSizeComplexity}) before they run; an operation that
 * passed is not walked again (see {@link OncePerOperationInstrumentation}).
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

	@Bean
	OncePerOperationInstrumentation operationLimitsInstrumentation(RequestLimitsProperties limits) {
		return new OncePerOperationInstrumentation(
				new ChainedInstrumentation(new MaxQueryDepthInstrumentation(limits.maxQueryDepth()),
						new MaxRootFieldsInstrumentation(limits.maxRootFields()),
						new MaxQueryComplexityInstrumentation(limits.maxQueryComplexity(), new ListSizeComplexity())));
	}

}
