package io.chatx.graphql;

import reactor.core.publisher.Mono;

import io.chatx.common.ErrorCode;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A request body over {@code spring.codec.max-in-memory-size} gets 413 with a GraphQL
 * error body ({@code BAD_USER_INPUT}), not the 500 that WebFlux gives by default.
 */
@Component
@Order(-2)
class RequestTooLargeHandler implements WebExceptionHandler {

	private static final JsonErrorResponse TOO_LARGE = new JsonErrorResponse(HttpStatus.PAYLOAD_TOO_LARGE,
			ErrorCode.BAD_USER_INPUT, "The request is too large.");

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof DataBufferLimitException) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		return TOO_LARGE.writeTo(exchange.getResponse());
	}

}
