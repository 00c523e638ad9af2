package io.chatx.graphql;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.server.webflux.GraphiQlHandler;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GraphiQL served whole from the jar, so that it works offline and behind strict
 * firewalls: Spring GraphQL's page loads every script and style from a CDN. Our page
 * ({@code chatx-graphiql/index.html}) loads GraphiQL and React from their WebJars, under
 * the GraphiQL path so that a proxy that forwards {@code /graphiql} forwards them too.
 * Ordered ahead of Spring Boot's route for the same path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class GraphiQlConfiguration {

	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> graphiQlPage(GraphQlProperties properties) {
		String page = properties.getGraphiql().getPath();
		GraphiQlHandler handler = new GraphiQlHandler(properties.getHttp().getPath(),
				properties.getWebsocket().getPath(), new ClassPathResource("chatx-graphiql/index.html"));
		return RouterFunctions.route()
			.GET(page, handler::handleRequest)
			.resources(page + "/assets/webjars/**", new ClassPathResource("META-INF/resources/webjars/"))
			.resources(page + "/assets/chatx/**", new ClassPathResource("chatx-graphiql/"))
			.build();
	}

}
