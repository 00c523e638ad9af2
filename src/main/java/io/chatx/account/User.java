package io.chatx.account;

import java.util.UUID;

import io.chatx.security.SignedInUser;

/**
 * A ChatX user as clients see it.
 */
public record User(UUID id, String username) {

	/** The signed-in user, as clients see users. */
	public static User of(SignedInUser signedIn) {
		return new User(signedIn.id(), signedIn.username());
	}

}
