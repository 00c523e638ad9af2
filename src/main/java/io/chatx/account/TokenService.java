package io.chatx.account;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import reactor.core.publisher.Mono;

import io.chatx.account.RefreshTokenRepository.TokenOwner;
import io.chatx.audit.AuditKind;
import io.chatx.audit.AuditLog;
import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.common.Sha256;
import io.chatx.security.JwtProperties;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues token pairs: a short-lived JWT access token and a random, single-use refresh
 * token. Refresh tokens rotate on every use; a second use of a spent one revokes its
 * whole family (every token of that sign-in), as it means the token was stolen.
 */
@Service
class TokenService {

	private final SecureRandom random = new SecureRandom();

	private final JwtEncoder encoder;

	private final JwtProperties properties;

	private final RefreshTokenRepository refreshTokens;

	private final AuditLog audit;

	TokenService(JwtEncoder encoder, JwtProperties properties, RefreshTokenRepository refreshTokens, AuditLog audit) {
		this.encoder = encoder;
		this.properties = properties;
		this.refreshTokens = refreshTokens;
		this.audit = audit;
	}

	/** A new sign-in: a token pair in a new family. */
	Mono<AuthPayload> issue(User user) {
		return issue(user, UUID.randomUUID());
	}

	/** Spend {@code refreshToken}: whose it was, or {@code UNAUTHENTICATED}. */
	Mono<TokenOwner> spend(String refreshToken, String clientAddress) {
		String hash = hash(refreshToken);
		return this.refreshTokens.spend(hash).switchIfEmpty(Mono.defer(() -> detectReuse(hash, clientAddress)));
	}

	/** The next pair of a sign-in whose refresh token was just spent. */
	Mono<AuthPayload> rotate(UUID familyId, User user) {
		return issue(user, familyId);
	}

	/**
	 * Revoke the sign-in that {@code refreshToken} belongs to, when it is
	 * {@code userId}'s; false when it is unknown or someone else's (which is not told
	 * apart).
	 */
	Mono<Boolean> revoke(String refreshToken, UUID userId) {
		return this.refreshTokens.findFamily(hash(refreshToken), userId)
			.flatMap(this.refreshTokens::revokeFamily)
			.map((revoked) -> true)
			.defaultIfEmpty(false);
	}

	private Mono<TokenOwner> detectReuse(String hash, String clientAddress) {
		return this.refreshTokens.findSpent(hash)
			.flatMap((owner) -> this.refreshTokens.revokeFamily(owner.familyId())
				.then(this.audit.record(AuditKind.REFRESH_TOKEN_REUSE, owner.userId(), null, clientAddress,
						"family " + owner.familyId() + " revoked"))
				.then(Mono.<TokenOwner>error(new ChatxException(ErrorCode.UNAUTHENTICATED,
						"This refresh token was used already; every session of that sign-in is now revoked. Sign in again."))))
			.switchIfEmpty(Mono.error(() -> new ChatxException(ErrorCode.UNAUTHENTICATED,
					"The refresh token is invalid, expired or revoked. Sign in again.")));
	}

	private Mono<AuthPayload> issue(User user, UUID familyId) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(this.properties.accessTokenTtl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.subject(user.id().toString())
			.claim("username", user.username())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.build();
		String accessToken = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
		String refreshToken = newRefreshToken();
		OffsetDateTime refreshExpiry = now.plus(this.properties.refreshTokenTtl()).atOffset(ZoneOffset.UTC);
		return this.refreshTokens.insert(familyId, user.id(), hash(refreshToken), refreshExpiry)
			.thenReturn(new AuthPayload(accessToken, refreshToken, expiresAt.atOffset(ZoneOffset.UTC), user));
	}

	private String newRefreshToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String hash(String token) {
		return HexFormat.of().formatHex(Sha256.of(token));
	}

}
