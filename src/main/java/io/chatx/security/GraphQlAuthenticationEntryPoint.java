package io.chatx.security;

import reactor.core.publisher.Mono;

import io.chatx.common.ErrorCode;
import io.chatx.graphql.JsonErrorResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a bad bearer token with a GraphQL error body ({@code UNAUTHENTICATED}) instead
 * of the empty 401 that Spring Security sends by default.
 */
class GraphQlAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private static final JsonErrorResponse INVALID_TOKEN = new JsonErrorResponse(HttpStatus.UNAUTHORIZED,
			ErrorCode.UNAUTHENTICATED, "The access token is missing, expired or invalid. Sign in again.");

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		return INVALID_TOKEN.writeTo(response);
	}

}
