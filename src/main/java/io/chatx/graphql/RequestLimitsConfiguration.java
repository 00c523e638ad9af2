package io.chatx.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rejects operations that are too deep or too complex before they run.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepthInstrumentation(RequestLimitsProperties limits) {
		return new MaxQueryDepthInstrumentation(limits.maxQueryDepth());
	}

	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexityInstrumentation(RequestLimitsProperties limits) {
		return new MaxQueryComplexityInstrumentation(limits.maxQueryComplexity());
	}

}
