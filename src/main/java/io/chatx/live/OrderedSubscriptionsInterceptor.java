package io.chatx.live;

import java.util.Map;

import graphql.execution.SubscriptionExecutionStrategy;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Makes graphql-java emit a subscription's results in the order of its events. Without it,
 * an event whose fields resolve asynchronously (a batch-loaded author) can overtake the
 * one before it, and messages would reach clients out of seq order.
 */
@Component
class OrderedSubscriptionsInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(Map.of(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true))
			.build());
		return chain.next(request);
	}

}
