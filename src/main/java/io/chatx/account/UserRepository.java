package io.chatx.account;

import java.util.Collection;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.security.KnownUsers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for users.
 */
@Repository
public class UserRepository implements KnownUsers {

	private final DatabaseClient db;

	UserRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Insert a user; empty when the username or email is taken (in any case). */
	Mono<User> insert(String username, String email, String passwordHash) {
		return this.db.sql("""
				INSERT INTO users (username, email, password_hash) VALUES (:username, :email, :hash)
				ON CONFLICT DO NOTHING RETURNING id, username""")
			.bind("username", username)
			.bind("email", email)
			.bind("hash", passwordHash)
			.map(UserRepository::user)
			.one();
	}

	/** The user whose username or email is {@code login}, with the password hash. */
	Mono<Credentials> findCredentials(String login) {
		return this.db.sql("""
				SELECT id, username, password_hash FROM users
				WHERE lower(username) = lower(:login) OR lower(email) = lower(:login) LIMIT 1""")
			.bind("login", login)
			.map((row) -> new Credentials(user(row), row.get("password_hash", String.class)))
			.one();
	}

	/** Whether the account exists (checked for every signed-in request). */
	@Override
	public Mono<Boolean> exists(UUID id) {
		return this.db.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)")
			.bind("id", id)
			.map((row) -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
			.one();
	}

	public Mono<User> findById(UUID id) {
		return this.db.sql("SELECT id, username FROM users WHERE id = :id")
			.bind("id", id)
			.map(UserRepository::user)
			.one();
	}

	/** Users by id, for batch loading. */
	public Flux<User> findAllById(Collection<UUID> ids) {
		return this.db.sql("SELECT id, username FROM users WHERE id = ANY(:ids)")
			.bind("ids", ids.toArray(UUID[]::new))
			.map(UserRepository::user)
			.all();
	}

	private static User user(Readable row) {
		return new User(row.get("id", UUID.class), row.get("username", String.class));
	}

	/** A user and the bcrypt hash of their password. */
	record Credentials(User user, String passwordHash) {

	}

}
