package io.chatx.account;

import java.time.OffsetDateTime;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for refresh tokens, which are stored by their SHA-256 hash only.
 */
@Repository
class RefreshTokenRepository {

	private final DatabaseClient db;

	RefreshTokenRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> insert(UUID familyId, UUID userId, String tokenHash, OffsetDateTime expiresAt) {
		return this.db.sql("""
				INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at)
				VALUES (:family, :user, :hash, :expires)""")
			.bind("family", familyId)
			.bind("user", userId)
			.bind("hash", tokenHash)
			.bind("expires", expiresAt)
			.then();
	}

	/** Marks a live token used, atomically: of two racing uses only one gets a row. */
	Mono<TokenOwner> spend(String tokenHash) {
		return this.db.sql("""
				UPDATE refresh_tokens SET used_at = now()
				WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
				RETURNING family_id, user_id""")
			.bind("hash", tokenHash)
			.map((row) -> new TokenOwner(row.get("family_id", UUID.class), row.get("user_id", UUID.class)))
			.one();
	}

	/** The family of a token that was used already, if it was. */
	Mono<TokenOwner> findSpent(String tokenHash) {
		return this.db
			.sql("SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = :hash AND used_at IS NOT NULL")
			.bind("hash", tokenHash)
			.map((row) -> new TokenOwner(row.get("family_id", UUID.class), row.get("user_id", UUID.class)))
			.one();
	}

	Mono<Long> revokeFamily(UUID familyId) {
		return this.db
			.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
			.bind("family", familyId)
			.fetch()
			.rowsUpdated();
	}

	/** The family of a token of {@code userId}'s; empty for anyone else's. */
	Mono<UUID> findFamily(String tokenHash, UUID userId) {
		return this.db.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = :hash AND user_id = :user")
			.bind("hash", tokenHash)
			.bind("user", userId)
			.map((row) -> row.get("family_id", UUID.class))
			.one();
	}

	/** Whose a token is: the login (family) it belongs to and the user. */
	record TokenOwner(UUID familyId, UUID userId) {

	}

}
