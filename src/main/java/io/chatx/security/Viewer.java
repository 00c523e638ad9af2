package io.chatx.security;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.common.ChatxException;

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
		return user().map(User::id);
	}

	/** The caller as a user (id and the username the access token names). */
	public static Mono<User> user() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.mapNotNull(Viewer::userOf)
			.switchIfEmpty(Mono.error(ChatxException::unauthenticated));
	}

	// A bearer token verified for this HTTP request, or a WebSocket connection's sign-in.
	static @Nullable User userOf(Authentication authentication) {
		if (authentication instanceof ConnectionAuthentication connection) {
			return connection.user();
		}
		if (authentication instanceof JwtAuthenticationToken token) {
			return new User(UUID.fromString(token.getName()),
					String.valueOf(token.getToken().getClaims().getOrDefault("username", "")));
		}
		return null;
	}

}
