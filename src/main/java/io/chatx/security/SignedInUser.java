package io.chatx.security;

import java.util.UUID;

/**
 * Who a request or WebSocket connection is signed in as: the user an access token names.
 * Controllers receive it as an {@code @AuthenticationPrincipal} argument.
 *
 * @param id the user's id (the token's subject)
 * @param username the username the token names
 */
public record SignedInUser(UUID id, String username) {

}
