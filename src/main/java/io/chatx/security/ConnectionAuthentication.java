package io.chatx.security;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chatx.account.User;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a WebSocket connection is signed in as, once its access token was verified at
 * {@code connection_init}. A connection lives for hours and there are many: it keeps the
 * user's id and name, not the decoded token (its text, headers and two copies of its
 * claims, about 2 KB per connection).
 */
final class ConnectionAuthentication extends AbstractAuthenticationToken {

	private final User user;

	private ConnectionAuthentication(User user) {
		super(List.of());
		this.user = user;
		setAuthenticated(true);
	}

	/** The slim form of a verified access token. */
	static Authentication of(Authentication verified) {
		return (verified instanceof JwtAuthenticationToken jwt) ? new ConnectionAuthentication(Viewer.userOf(jwt))
				: verified;
	}

	User user() {
		return this.user;
	}

	@Override
	public String getName() {
		return this.user.id().toString();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.user;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ConnectionAuthentication that && this.user.equals(that.user);
	}

	@Override
	public int hashCode() {
		return this.user.hashCode();
	}

}
