package io.chatx.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on the shape of GraphQL requests, checked before execution.
 *
 * @param maxQueryDepth deepest field nesting an operation may have
 * @param maxQueryComplexity most fields an operation may select, each paged field
 * counting its page size times its selection ({@link ListSizeComplexity}); a page of 100
 * messages with every field is about 1,200
 * @param maxRootFields most top-level fields (aliases included) an operation may have
 * @param maxResponseSize largest result answered; a bigger one is refused with
 * {@code BAD_USER_INPUT} (its JSON size, estimated)
 */
@ConfigurationProperties("chatx.graphql")
public record RequestLimitsProperties(@DefaultValue("15") int maxQueryDepth,
		@DefaultValue("3000") int maxQueryComplexity, @DefaultValue("20") int maxRootFields,
		@DefaultValue("4MB") DataSize maxResponseSize) {

}
