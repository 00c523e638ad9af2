package io.chatx.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The one form of a verified access token, over HTTP and WebSocket alike: its principal
 * is the {@link SignedInUser}. It keeps the user's id and name, not the decoded token
 * (its text, headers and two copies of its claims, about 2 KB): a WebSocket connection
 * keeps its authentication for hours, and there are many.
 */
public final class SignedInAuthentication extends AbstractAuthenticationToken {

	private final SignedInUser user;

	public SignedInAuthentication(SignedInUser user) {
		super(List.of());
		this.user = user;
		setAuthenticated(true);
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
	public SignedInUser getPrincipal() {
		return this.user;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SignedInAuthentication that && this.user.equals(that.user);
	}

	@Override
	public int hashCode() {
		return this.user.hashCode();
	}

}
