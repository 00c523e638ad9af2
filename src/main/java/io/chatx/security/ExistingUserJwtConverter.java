package io.chatx.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

import io.chatx.account.UserRepository;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Signs in the user a verified access token names, only while that user exists: a token
 * outlives an account deleted after it was issued, and its requests must be refused as
 * unauthenticated (not fail later on a missing row).
 */
class ExistingUserJwtConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	private final UserRepository users;

	ExistingUserJwtConverter(UserRepository users) {
		this.users = users;
	}

	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		return userId(jwt).map(this.users::exists)
			.orElseGet(() -> Mono.just(false))
			.filter(Boolean::booleanValue)
			.map((exists) -> (AbstractAuthenticationToken) new JwtAuthenticationToken(jwt, List.of(), jwt.getSubject()))
			.switchIfEmpty(Mono.error(() -> new InvalidBearerTokenException("The access token's user does not exist")));
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
