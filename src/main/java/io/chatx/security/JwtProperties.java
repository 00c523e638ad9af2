package io.chatx.security;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing and lifetimes of the tokens ChatX issues.
 *
 * @param secret HMAC key shared by all instances, at least 32 bytes; when empty with the
 * embedded database, a development key is generated and kept in {@code keyFile}
 * @param keyFile where the development key is kept (by default {@code jwt-secret} in the
 * data folder)
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid
 * @param issuer the {@code iss} claim of access tokens
 */
@ConfigurationProperties("chatx.jwt")
public record JwtProperties(@Nullable String secret, @DefaultValue("data/jwt-secret") Path keyFile,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl,
		@DefaultValue("chatx") String issuer) {

}
