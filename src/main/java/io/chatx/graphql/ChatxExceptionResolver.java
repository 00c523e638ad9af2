package io.chatx.graphql;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.system.ThrottledLog;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The one place that turns exceptions from data fetchers into contract errors. Anything
 * unexpected becomes {@code INTERNAL} with a correlation id that is also logged (at most
 * one line per kind of failure a minute, the others at DEBUG), so no stack trace, class
 * name or SQL reaches a client.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChatxExceptionResolver extends DataFetcherExceptionResolverAdapter {

	private static final Log logger = LogFactory.getLog(ChatxExceptionResolver.class);

	// One line per kind of failure a minute: during an outage every request fails alike.
	private static final ThrottledLog internalErrors = new ThrottledLog(logger, Duration.ofMinutes(1));

	ChatxExceptionResolver() {
		setThreadLocalContextAware(false);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		return toError(ex, GraphqlErrorBuilder.newError(env));
	}

	/** Also used for errors raised inside a live subscription stream. */
	static GraphQLError toError(Throwable ex, GraphqlErrorBuilder<?> builder) {
		if (ex instanceof AuthenticationCredentialsNotFoundException) {
			// An @AuthenticationPrincipal argument without a signed-in user.
			return toError(ChatxException.unauthenticated(), builder);
		}
		if (ex instanceof ChatxException chatx) {
			return GraphQlErrors.of(builder, chatx.getCode(), chatx.getMessage());
		}
		if (ex instanceof AbortExecutionException) {
			// The client went away (completed its subscription,
			// closed the socket) while a result was being made:
			// nobody will read this, and nothing went wrong.
			logger.debug("Execution cancelled", ex);
			return GraphQlErrors.of(builder, ErrorCode.INTERNAL, "Cancelled.");
		}
		String correlationId = UUID.randomUUID().toString();
		internalErrors.error("Internal error " + correlationId, ex);
		return builder.message("Internal error; quote " + correlationId + " when reporting it.")
			.errorType(ErrorCode.INTERNAL.classification())
			.extensions(Map.of("code", ErrorCode.INTERNAL.name(), "correlationId", correlationId))
			.build();
	}

}
