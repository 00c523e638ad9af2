package io.chatx.security;

import java.util.UUID;

import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.graphql.ChatxException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The signed-in caller, read from the security context that Spring Security (HTTP) or the
 * WebSocket {@code connection_init} authentication put into the Reactor context.
 */
public final class Viewer {

	private Viewer() {
	}

	/** The caller's user id, or {@code UNAUTHENTICATED} when there is none. */
	public static Mono<UUID> id() {
		return token().map(Authentication::getName).map(UUID::fromString);
	}

	/** The caller as a user (id and the username the access token names). */
	public static Mono<User> user() {
		return token().map((token) -> new User(UUID.fromString(token.getName()),
				String.valueOf(token.getToken().getClaims().getOrDefault("username", ""))));
	}

	private static Mono<JwtAuthenticationToken> token() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((auth) -> auth instanceof JwtAuthenticationToken && auth.isAuthenticated())
			.cast(JwtAuthenticationToken.class)
			.switchIfEmpty(Mono.error(ChatxException::unauthenticated));
	}

}
