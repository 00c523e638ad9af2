/**
 * Sign-in checks: access tokens verified over HTTP and at WebSocket connection_init, both
 * turned into one {@link io.chatx.security.SignedInUser}; and the signing key. Below the
 * accounts: nothing here knows how users are stored
 * ({@link io.chatx.security.KnownUsers}).
 */
@NullMarked
package io.chatx.security;

import org.jspecify.annotations.NullMarked;
