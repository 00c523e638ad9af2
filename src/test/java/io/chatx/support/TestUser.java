package io.chatx.support;

/**
 * A user registered by a test, with the tokens register returned.
 */
public record TestUser(String id, String username, String password, String accessToken, String refreshToken) {

}
