package io.chatx.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * user-search: N users seeded in SQL (names of three syllables, an underscore and a
 * number, so that substrings are neither all unique nor all alike), then
 * {@code users(search:)} timed over HTTP for a few kinds of search text, and the plans of
 * the statements it runs. The GIN indexes of users are dropped for the insert and built
 * again afterwards from their own definitions (faster than growing them row by row).
 */
final class UserSearch {

	static final String QUERY = """
			query($s: String!) { users(search: $s, first: 20) { edges { node { id username } } \
			pageInfo { hasNextPage } } }""";

	private static final String[] SYLLABLES = { "ka", "ri", "mo", "ta", "ne", "shi", "lu", "ba", "do", "pe", "vi", "zo",
			"ra", "mi", "ko", "sa", "te", "no", "ha", "yu", "an", "el", "or", "us", "ix", "em", "ol", "ar", "in", "ul",
			"bre", "dan", "fel", "gor", "hal", "jen", "kim", "lor", "mar", "nik" };

	private final Bench bench;

	private final int users;

	private final int warmup;

	private final int requests;

	private final int termSeconds;

	private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

	UserSearch(Bench bench) {
		this.bench = bench;
		this.users = bench.intOption("users", 1_000_000);
		this.warmup = bench.intOption("warmup", 20);
		this.requests = bench.intOption("requests", 200);
		this.termSeconds = bench.intOption("term-seconds", 60);
	}

	String run() throws Exception {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", "user-search");
		result.put("users", this.users);
		try (Database db = Database.open(this.bench)) {
			long start = System.nanoTime();
			seed(db);
			result.put("seedSeconds", (System.nanoTime() - start) / 1e9);
			Setup.User searcher = this.bench.setup.login(List.of(name(db, 1))).get(0);

			// One user by (most of) its whole name, a syllable pair, a common syllable
			// (many matches to sort), two common letters, two letters no name has (a
			// search without a trigram that walks the whole username index), a literal
			// '_' with digits; or --terms a,b,c.
			String whole = name(db, this.users / 2 + 1);
			List<String> terms = new ArrayList<>(List.of(this.bench
				.option("terms", whole.substring(1) + ",kamar,mar,ka,qz,_12" + (this.users >= 1000 ? "3" : ""))
				.split(",")));
			TimedQueries queries = new TimedQueries(this.bench.baseUrl);
			Map<String, Object> byTerm = new LinkedHashMap<>();
			for (String term : terms) {
				String variables = "{\"s\":" + Json.quote(term) + "}";
				JsonNode first = queries.run(searcher.token(), QUERY, variables, false);
				long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				for (int i = 0; i < this.warmup && System.nanoTime() < warm; i++) {
					queries.run(searcher.token(), QUERY, variables, false);
				}
				// A search that reads the whole index may take seconds: at most 10 s of
				// warm-up and --term-seconds of timed requests per term.
				long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.termSeconds);
				for (int i = 0; i < this.requests && System.nanoTime() < until; i++) {
					queries.run(searcher.token(), QUERY, variables, true);
				}
				Map<String, Object> figures = new LinkedHashMap<>();
				figures.put("matches", db.number(
						"SELECT count(*) FROM users WHERE strpos(lower(username), lower(" + literal(term) + ")) > 0"));
				figures.put("firstPage", (first == null) ? -1 : first.get("users").get("edges").size());
				figures.put("latencyMs", queries.takeMilliseconds());
				byTerm.put(term, figures);
				Bench.log("user-search " + term + ": " + figures);
			}
			result.put("byTerm", byTerm);
			result.put("errors", queries.errors());
			List<List<String>> plans = db.serverPlans(() -> {
				for (String term : terms) {
					queries.run(searcher.token(), QUERY, "{\"s\":" + Json.quote(term) + "}", false);
				}
			});
			result.put("plans", MyRooms.printed(plans));
		}
		return Json.object(result);
	}

	private void seed(Database db) throws Exception {
		Bench.log("user-search: seeding " + this.users + " users");
		List<String> gin = new ArrayList<>();
		for (List<Object> row : db.query("""
				SELECT indexname, indexdef FROM pg_indexes
				WHERE schemaname = 'public' AND tablename = 'users' AND indexdef LIKE '%USING gin%'""")) {
			gin.add((String) row.get(1));
			db.execute("drop " + row.get(0), "DROP INDEX " + row.get(0));
		}
		StringBuilder syllables = new StringBuilder("ARRAY[");
		for (int i = 0; i < SYLLABLES.length; i++) {
			syllables.append((i > 0) ? "," : "").append('\'').append(SYLLABLES[i]).append('\'');
		}
		syllables.append(']');
		// Three syllables picked by multiplicative hashes of i, then '_' and i; every
		// name unique, some capitalised.
		db.execute("users", """
				INSERT INTO users (username, email, password_hash, created_at)
				SELECT name, name || '-%1$s@bench.example', '%2$s', now() - interval '90 days'
				FROM (SELECT i, CASE WHEN i %% 7 = 0 THEN initcap(base) ELSE base END || '_' || i AS name
				  FROM (SELECT i, s[1 + ((i * 2654435761 >> 7) %% %3$d)::int]
				      || s[1 + ((i * 40503 >> 3) %% %3$d)::int] || s[1 + ((i * 9973 >> 5) %% %3$d)::int] AS base
				    FROM generate_series(1::bigint, %4$d) i, (SELECT %5$s AS s) a) b) n""".formatted(this.run,
				Database.passwordHash(), SYLLABLES.length, this.users, syllables));
		for (String definition : gin) {
			db.execute("rebuild", definition);
		}
		db.execute("analyze", "ANALYZE users");
		db.execute("checkpoint", "CHECKPOINT");
	}

	/** The username of seeded user {@code i} (1-based). */
	private static String name(Database db, int i) throws Exception {
		return (String) db.query("SELECT username FROM users WHERE username LIKE '%\\_" + i + "'").get(0).get(0);
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}
