package io.chatx.security;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.support.AuthenticationExtractor;
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

	private static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
			Pattern.CASE_INSENSITIVE);

	@Override
	public Mono<Authentication> getAuthentication(Map<String, Object> payload) {
		String token;
		try {
			token = read(payload);
		}
		catch (BadCredentialsException ex) {
			return Mono.error(ex);
		}
		forget(payload);
		// Spring's handler keeps this Mono assembled for the life of the connection: it hands
		// the token over once instead of capturing it.
		AtomicReference<String> handOver = new AtomicReference<>(token);
		return Mono.fromSupplier(() -> new BearerTokenAuthenticationToken(handOver.getAndSet("")));
	}

	private static String read(Map<String, Object> payload) {
		for (Map.Entry<String, Object> entry : payload.entrySet()) {
			if ("authorization".equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value) {
				Matcher bearer = BEARER.matcher(value.trim());
				if (!bearer.matches()) {
					throw new BadCredentialsException("Authorization is not a bearer token");
				}
				return bearer.group("token");
			}
		}
		if (payload.get("authToken") instanceof String token && !token.isBlank()) {
			return token.trim();
		}
		throw new BadCredentialsException("connection_init carries no access token");
	}

	// Spring's handler also keeps the payload; the token in it is not needed once read (the
	// connection keeps its ConnectionAuthentication).
	private static void forget(Map<String, Object> payload) {
		// Decoded from JSON it is a HashMap; any other map (say, immutable) stays as it is.
		if (payload instanceof HashMap<String, Object> decoded) {
			decoded.keySet().removeIf((key) -> "authorization".equalsIgnoreCase(key) || "authToken".equals(key));
		}
	}

}
