package io.chatx.security;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.support.AuthenticationExtractor;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Reads the access token from a {@code connection_init} payload in the forms the contract
 * allows: {@code {"Authorization": "Bearer <token>"}} with the key in any case, or
 * {@code {"authToken": "<token>"}}. A payload without a token is refused, which closes the
 * socket with 4401.
 */
class ConnectionInitTokenExtractor implements AuthenticationExtractor {

	@Override
	public Mono<Authentication> getAuthentication(Map<String, Object> payload) {
		for (Map.Entry<String, Object> entry : payload.entrySet()) {
			if ("authorization".equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value) {
				return new BearerTokenAuthenticationExtractor(entry.getKey()).getAuthentication(Map.of(entry.getKey(), value))
					.switchIfEmpty(Mono.error(() -> new BadCredentialsException("Authorization is not a bearer token")));
			}
		}
		if (payload.get("authToken") instanceof String token && !token.isBlank()) {
			return Mono.just(new BearerTokenAuthenticationToken(token.trim()));
		}
		return Mono.error(() -> new BadCredentialsException("connection_init carries no access token"));
	}

}
