package io.chatx.graphql;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A request body over {@code spring.codec.max-in-memory-size} gets 413 with a GraphQL error
 * body ({@code BAD_USER_INPUT}), not the 500 that WebFlux gives by default.
 */
@Component
@Order(-2)
class RequestTooLargeHandler implements WebExceptionHandler {

	private static final byte[] BODY = """
			{"errors":[{"message":"The request is too large.","extensions":{"code":"BAD_USER_INPUT"}}]}"""
		.getBytes(StandardCharsets.UTF_8);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof DataBufferLimitException) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.PAYLOAD_TOO_LARGE);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(BODY)));
	}

}
