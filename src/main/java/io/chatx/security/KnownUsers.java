package io.chatx.security;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Whether a user still exists: a token outlives an account deleted after it was issued.
 * Implemented by the accounts, which sit above this package.
 */
public interface KnownUsers {

	Mono<Boolean> exists(UUID id);

}
