package io.chatx.graphql;

import reactor.core.publisher.Mono;

import io.chatx.common.ErrorCode;

import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A request to the GraphQL endpoint that is refused before GraphQL runs (wrong method,
 * content type or Accept header, no body, a body that is not a GraphQL request: see
 * {@link GraphQlHttpConfiguration}) gets its status with a GraphQL error body
 * ({@code BAD_USER_INPUT}) instead of Spring Boot's error JSON or no body at all.
 */
@Component
@Order(-2)
class GraphQlHttpErrorHandler implements WebExceptionHandler {

	private final String path;

	GraphQlHttpErrorHandler(GraphQlProperties properties) {
		this.path = properties.getHttp().getPath();
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof ResponseStatusException refusal) || !refusal.getStatusCode().is4xxClientError()
				|| exchange.getResponse().isCommitted()
				|| !this.path.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return Mono.error(ex);
		}
		exchange.getResponse().getHeaders().addAll(refusal.getHeaders());
		return new JsonErrorResponse(refusal.getStatusCode(), ErrorCode.BAD_USER_INPUT,
				message(refusal.getStatusCode()))
			.writeTo(exchange.getResponse());
	}

	private static String message(HttpStatusCode status) {
		if (status.value() == HttpStatus.BAD_REQUEST.value()) {
			return "The request is not a GraphQL request: send a JSON object with a string \"query\","
					+ " and optionally \"operationName\" (a string) and \"variables\" (an object).";
		}
		if (status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
			return "Send GraphQL requests with POST.";
		}
		if (status.value() == HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()) {
			return "Send GraphQL requests as Content-Type: application/json.";
		}
		if (status.value() == HttpStatus.NOT_ACCEPTABLE.value()) {
			return "GraphQL answers are application/json or application/graphql-response+json: accept one of them.";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() + "." : "The request was refused.";
	}

}
