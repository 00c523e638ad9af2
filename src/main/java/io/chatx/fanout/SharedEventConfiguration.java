package io.chatx.fanout;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.http.codec.json.JacksonJsonEncoder;

/**
 * Subscriptions run by {@link SharedEventExecutionStrategy}: ordered events, and one
 * completion per event and selection for {@code roomEvents}, whose results are the same
 * for every viewer allowed to subscribe unless the selection reaches a field marked
 * {@code @viewerDependent} (then one per event, selection and viewer); their frames are
 * put together from the shared bytes ({@link SharedFrameEncoder}).
 */
@Configuration(proxyBeanMethods = false)
class SharedEventConfiguration {

	static final Set<String> SHARED_FIELDS = Set.of("roomEvents");

	@Bean
	GraphQlSourceBuilderCustomizer sharedEventExecution(ObjectProvider<DataFetcherExceptionResolver> resolvers) {
		return (builder) -> builder.configureGraphQl((graphQl) -> {
			// The same resolvers, in the same order, as Boot gives the default
			// strategies (the annotated controllers' one is among these beans).
			List<DataFetcherExceptionResolver> all = resolvers.orderedStream().toList();
			graphQl.subscriptionExecutionStrategy(new SharedEventExecutionStrategy(
					DataFetcherExceptionResolver.createExceptionHandler(all), SHARED_FIELDS));
		});
	}

	// Spring GraphQL's WebSocket handler takes the first JSON
	// encoder able to write its messages: this one, ahead of
	// Jackson, which it uses for everything but shared events.
	@Bean
	CodecCustomizer sharedFrames(JsonMapper jsonMapper) {
		return (configurer) -> configurer.customCodecs()
			.register(new SharedFrameEncoder(new JacksonJsonEncoder(jsonMapper)));
	}

}
