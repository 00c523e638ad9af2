package io.chatx.security;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.support.AuthenticationExtractor;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Reads the access token from a {@code connection_init} payload in the forms the contract
 * allows: {@code {"Authorization": "Bearer <token>"}} with the key in any case, or
 * {@code {"authToken": "<token>"}}. A payload without a token is refused, which closes
 * the socket with 4401.
 */
class ConnectionInitTokenExtractor implements AuthenticationExtractor {

	@Override
	public Mono<Authentication> getAuthentication(Map<String, Object> payload) {
		Mono<Authentication> authentication = read(payload);
		forget(payload);
		return authentication;
	}

	private static Mono<Authentication> read(Map<String, Object> payload) {
		for (Map.Entry<String, Object> entry : payload.entrySet()) {
			if ("authorization".equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value) {
				String key = entry.getKey();
				return handedOverOnce(value,
						(header) -> new BearerTokenAuthenticationExtractor(key).getAuthentication(Map.of(key, header)))
					.switchIfEmpty(
							Mono.error(() -> new BadCredentialsException("Authorization is not a bearer token")));
			}
		}
		if (payload.get("authToken") instanceof String token && !token.isBlank()) {
			return handedOverOnce(token.trim(), (bearer) -> Mono.just(new BearerTokenAuthenticationToken(bearer)));
		}
		return Mono.error(() -> new BadCredentialsException("connection_init carries no access token"));
	}

	// Spring's handler keeps this Mono assembled for the life
	// of the connection: the token is handed over when it is
	// subscribed, instead of being captured for all that time.
	private static Mono<Authentication> handedOverOnce(String text, Function<String, Mono<Authentication>> read) {
		AtomicReference<String> handOver = new AtomicReference<>(text);
		return Mono.defer(() -> read.apply(handOver.getAndSet("")));
	}

	// Spring's handler also keeps the payload; the token in it is not
	// needed once read (the connection keeps its SignedInAuthentication).
	private static void forget(Map<String, Object> payload) {
		// Decoded from JSON it is a HashMap; any
		// other map (say, immutable) stays as it is.
		if (payload instanceof HashMap<String, Object> decoded) {
			decoded.keySet().removeIf((key) -> "authorization".equalsIgnoreCase(key) || "authToken".equals(key));
		}
	}

}
