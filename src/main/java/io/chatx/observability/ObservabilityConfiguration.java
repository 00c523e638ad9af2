package io.chatx.observability;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DataFetcherObservationConvention;
import org.springframework.graphql.observation.DataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;

/**
 * GraphQL observations leave subscriptions out.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	// In place of Spring Boot's GraphQlObservationInstrumentation (it backs off).
	@Bean
	UnobservedSubscriptionsInstrumentation graphQlObservationInstrumentation(ObservationRegistry registry,
			ObjectProvider<ExecutionRequestObservationConvention> requestConvention,
			ObjectProvider<DataFetcherObservationConvention> dataFetcherConvention,
			ObjectProvider<DataLoaderObservationConvention> dataLoaderConvention) {
		return new UnobservedSubscriptionsInstrumentation(registry, requestConvention.getIfAvailable(),
				dataFetcherConvention.getIfAvailable(), dataLoaderConvention.getIfAvailable());
	}

}
