package io.chatx.account;

import java.time.OffsetDateTime;

/**
 * What a successful sign-in returns: a token pair and the user.
 */
record AuthPayload(String accessToken, String refreshToken, OffsetDateTime expiresAt, User user) {

}
