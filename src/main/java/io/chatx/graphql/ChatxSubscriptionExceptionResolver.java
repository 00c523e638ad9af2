package io.chatx.graphql;

import java.util.List;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Errors that end a live stream (access refused, too slow, anything unexpected) get the
 * same contract codes as every other error.
 */
@Component
class ChatxSubscriptionExceptionResolver extends SubscriptionExceptionResolverAdapter {

	@Override
	protected List<GraphQLError> resolveToMultipleErrors(Throwable exception) {
		return List.of(ChatxExceptionResolver.toError(exception, GraphqlErrorBuilder.newError()));
	}

}
