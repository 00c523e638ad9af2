package io.chatx.security;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Signs in the user a verified access token names, only while that user exists: a token
 * outlives an account deleted after it was issued, and its requests must be refused as
 * unauthenticated (not fail later on a missing row).
 */
class ExistingUserJwtConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	private final KnownUsers users;

	ExistingUserJwtConverter(KnownUsers users) {
		this.users = users;
	}

	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		return userId(jwt)
			.map((id) -> this.users.exists(id)
				.filter(Boolean::booleanValue)
				.map((exists) -> (AbstractAuthenticationToken) new SignedInAuthentication(signedIn(id, jwt))))
			.orElseGet(Mono::empty)
			.switchIfEmpty(Mono.error(() -> new InvalidBearerTokenException("The access token's user does not exist")));
	}

	private static SignedInUser signedIn(UUID id, Jwt jwt) {
		return new SignedInUser(id, Objects.requireNonNullElse(jwt.getClaimAsString("username"), ""));
	}

	private static Optional<UUID> userId(Jwt jwt) {
		try {
			return Optional.ofNullable(jwt.getSubject()).map(UUID::fromString);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
