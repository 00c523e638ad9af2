package io.chatx.account;

import java.util.Collection;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.common.LikePattern;
import io.chatx.security.KnownUsers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
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

	/**
	 * Up to {@code limit} users whose lower-cased username contains {@code lower(search)}
	 * literally, by lower-cased username, after {@code after} (a lower-cased username;
	 * null: from the first).
	 */
	Flux<User> search(String search, @Nullable String after, int limit) {
		GenericExecuteSpec spec = this.db.sql(pageSql(search, after != null)).bind("limit", limit);
		return bindSearch(spec, search, after).map(UserRepository::user).all();
	}

	/** Whether a user matching {@code search} comes before {@code position}. */
	Mono<Boolean> existsBefore(String search, String position) {
		GenericExecuteSpec spec = this.db.sql(beforeSql(search));
		return bindSearch(spec, search, position).map((row) -> true).first().hasElement();
	}

	/*
	 * User search has two plans, each written so that it is the only index plan the
	 * planner has, also in a generic plan. A search with a trigram (three letters or
	 * digits in a row) reads its few candidates from the trigram index
	 * users_username_trgm_idx and sorts them: the MATERIALIZED CTE keeps the planner from
	 * walking the username index instead, which for a rare search reads all of it. A
	 * search without one, which trigrams cannot help, walks the username index
	 * users_username_key in order and stops after `limit` matches: strpos is a literal
	 * test that no index serves, so the walk is the only index plan.
	 */

	/** The SQL of a page of a user search, {@code :position} binding the cursor. */
	static String pageSql(String search, boolean after) {
		String position = after ? " AND lower(username) > :position" : "";
		if (hasTrigram(search)) {
			return "WITH found AS MATERIALIZED (" + matching(search) + position + ")"
					+ " SELECT id, username FROM found ORDER BY lower(username) LIMIT :limit";
		}
		return matching(search) + position + " ORDER BY lower(username) LIMIT :limit";
	}

	/**
	 * The SQL of the last user that matches before {@code :position}, if any. (Not
	 * EXISTS: PostgreSQL drops the ORDER BY of an EXISTS subquery, and may then scan the
	 * table until it finds a match.)
	 */
	static String beforeSql(String search) {
		String position = " AND lower(username) < :position";
		if (hasTrigram(search)) {
			return "WITH found AS MATERIALIZED (" + matching(search) + position + ") SELECT id FROM found LIMIT 1";
		}
		return matching(search) + position + " ORDER BY lower(username) DESC LIMIT 1";
	}

	private static String matching(String search) {
		return "SELECT id, username FROM users WHERE "
				+ (hasTrigram(search) ? "lower(username) LIKE '%' || lower(:search) || '%' ESCAPE '\\'"
						: "strpos(lower(username), lower(:search)) > 0");
	}

	private static GenericExecuteSpec bindSearch(GenericExecuteSpec spec, String search, @Nullable String position) {
		spec = spec.bind("search", hasTrigram(search) ? LikePattern.literal(search) : search);
		return (position != null) ? spec.bind("position", position) : spec;
	}

	// Three letters or digits in a row: what pg_trgm makes a trigram of.
	static boolean hasTrigram(String search) {
		int run = 0;
		for (int i = 0; i < search.length(); i = search.offsetByCodePoints(i, 1)) {
			run = Character.isLetterOrDigit(search.codePointAt(i)) ? run + 1 : 0;
			if (run >= 3) {
				return true;
			}
		}
		return false;
	}

	private static User user(Readable row) {
		return new User(row.get("id", UUID.class), row.get("username", String.class));
	}

	/** A user and the bcrypt hash of their password. */
	record Credentials(User user, String passwordHash) {

	}

}
