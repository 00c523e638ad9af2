package io.chatx.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on the shape of GraphQL requests, checked before execution.
 *
 * @param maxQueryDepth deepest field nesting an operation may have
 * @param maxQueryComplexity most fields an operation may select (graphql-java's count)
 */
@ConfigurationProperties("chatx.graphql")
public record RequestLimitsProperties(@DefaultValue("15") int maxQueryDepth,
		@DefaultValue("1000") int maxQueryComplexity) {

}
