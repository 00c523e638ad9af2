package io.chatx.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a bad bearer token with a GraphQL error body ({@code UNAUTHENTICATED}) instead of
 * the empty 401 that Spring Security sends by default.
 */
class GraphQlAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private static final byte[] BODY = """
			{"errors":[{"message":"The access token is missing, expired or invalid. Sign in again.",\
			"extensions":{"code":"UNAUTHENTICATED","classification":"UNAUTHORIZED"}}]}"""
		.getBytes(StandardCharsets.UTF_8);

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(BODY)));
	}

}
