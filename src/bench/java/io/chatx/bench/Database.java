package io.chatx.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * SQL access to the embedded PostgreSQL of the server that {@code scripts/bench} started:
 * its port (printed in the server's log, passed as {@code --pg-port}) and the superuser's
 * password (kept in {@code postgres-credentials} of the data folder). The scenarios seed
 * data with it, and read the plans of the statements the server runs
 * ({@link #serverPlans}).
 */
final class Database implements AutoCloseable {

	/** The password of every user seeded in SQL. */
	static final String PASSWORD = "bench-password";

	private static final String APP_ROLE = "chatx";

	private final Path dataDir;

	private final Connection connection;

	private Database(Path dataDir, Connection connection) {
		this.dataDir = dataDir;
		this.connection = connection;
	}

	static Database open(Bench bench) throws IOException, SQLException {
		Path dataDir = Path.of(bench.option("data-dir", "."));
		String port = bench.option("pg-port", null);
		if (port == null) {
			Matcher found = Pattern.compile("Embedded PostgreSQL is running on port ([0-9]+)")
				.matcher(Files.readString(dataDir.resolve("server.log")));
			if (!found.find()) {
				throw new IllegalStateException("no --pg-port, and no port in " + dataDir.resolve("server.log"));
			}
			port = found.group(1);
		}
		Properties credentials = new Properties();
		try (var reader = Files.newBufferedReader(dataDir.resolve("postgres-credentials"), StandardCharsets.UTF_8)) {
			credentials.load(reader);
		}
		Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/chatx",
				"postgres", credentials.getProperty("superuser"));
		return new Database(dataDir, connection);
	}

	/**
	 * The password hash of seeded users: bcrypt of ChatX's prehash of {@link #PASSWORD}
	 * (see {@code io.chatx.account.PasswordHasher}) at the lowest cost, so that logging
	 * in thousands of them takes seconds. bcrypt checks any cost.
	 */
	static String passwordHash() {
		try {
			byte[] sha = MessageDigest.getInstance("SHA-256").digest(PASSWORD.getBytes(StandardCharsets.UTF_8));
			return new BCryptPasswordEncoder(4).encode(Base64.getEncoder().encodeToString(sha));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Run one statement, logging how long it took; answers the rows it changed. */
	long execute(String what, String sql) throws SQLException {
		long start = System.nanoTime();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
			long rows = Math.max(0, statement.getLargeUpdateCount());
			Bench.log(what + ": " + rows + " rows, " + (System.nanoTime() - start) / 1_000_000 + " ms");
			return rows;
		}
	}

	/** The rows of a query, each as its columns in order. */
	List<List<Object>> query(String sql) throws SQLException {
		List<List<Object>> rows = new ArrayList<>();
		try (Statement statement = this.connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				List<Object> row = new ArrayList<>(columns);
				for (int c = 1; c <= columns; c++) {
					row.add(result.getObject(c));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	/** A number from a query of one row and one column. */
	long number(String sql) throws SQLException {
		return ((Number) query(sql).get(0).get(0)).longValue();
	}

	/**
	 * The plans of the statements the server runs during {@code action}, with actual
	 * times and buffers (EXPLAIN (ANALYZE, BUFFERS) as {@code auto_explain} logs them).
	 * ChatX's role gets {@code auto_explain} for its sessions, its connections are ended
	 * (the pool discards them and opens new ones), the action runs, and the plans are
	 * read from {@code postgres.log}; then the role's settings are reset and its
	 * connections ended again, so that what follows runs without it. Each plan is a list
	 * of lines: the duration, the query text, the plan.
	 */
	List<List<String>> serverPlans(Action action) throws Exception {
		execute("auto_explain on", """
				LOAD 'auto_explain';
				ALTER ROLE %1$s SET session_preload_libraries = 'auto_explain';
				ALTER ROLE %1$s SET auto_explain.log_min_duration = 0;
				ALTER ROLE %1$s SET auto_explain.log_analyze = on;
				ALTER ROLE %1$s SET auto_explain.log_buffers = on;
				ALTER ROLE %1$s SET auto_explain.log_nested_statements = on""".formatted(APP_ROLE));
		endAppSessions();
		Path log = this.dataDir.resolve("postgres.log");
		long from = Files.size(log);
		try {
			action.run();
			Thread.sleep(500);
		}
		finally {
			execute("auto_explain off", "ALTER ROLE " + APP_ROLE + " RESET ALL");
			endAppSessions();
		}
		return plans(log, from);
	}

	private void endAppSessions() throws Exception {
		query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + APP_ROLE + "'");
		// The server's side of each connection sees it closed before the next acquire.
		Thread.sleep(1000);
	}

	/**
	 * The auto_explain entries of the log after {@code from}: PostgreSQL writes each
	 * message's further lines behind a tab.
	 */
	private static List<List<String>> plans(Path log, long from) throws IOException {
		List<String> lines = new ArrayList<>();
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			file.seek(from);
			byte[] rest = new byte[(int) (file.length() - from)];
			file.readFully(rest);
			lines.addAll(List.of(new String(rest, StandardCharsets.UTF_8).split("\n")));
		}
		List<List<String>> plans = new ArrayList<>();
		List<String> plan = null;
		for (String line : lines) {
			if (line.contains("LOG:  duration: ") && line.endsWith("plan:")) {
				plan = new ArrayList<>();
				plan.add(line.substring(line.indexOf("duration: ")));
				plans.add(plan);
			}
			else if (plan != null && line.startsWith("\t")) {
				plan.add(line.substring(1));
			}
			else {
				plan = null;
			}
		}
		plans.removeIf(Database::isDriverQuery);
		return plans;
	}

	// What the R2DBC driver asks when it opens a connection (the types of extensions).
	private static boolean isDriverQuery(List<String> plan) {
		return plan.size() > 1 && plan.get(1).contains("FROM pg_catalog.");
	}

	/**
	 * A short account of a plan for the result line: its duration, the start of its query
	 * text, its scans (which index, or a sequential scan) and the top node's buffers.
	 */
	static Map<String, Object> summary(List<String> plan) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("duration", plan.get(0).replace("duration: ", "").replace("  plan:", ""));
		StringBuilder query = new StringBuilder();
		List<String> scans = new ArrayList<>();
		String buffers = null;
		boolean inQuery = false;
		for (String line : plan.subList(1, plan.size())) {
			if (line.startsWith("Query Parameters: ")) {
				inQuery = false;
				continue;
			}
			if (line.startsWith("Query Text: ")) {
				inQuery = true;
				query.append(line.substring("Query Text: ".length()));
				continue;
			}
			if (inQuery && !line.contains("(cost=") && !line.contains("(actual")) {
				query.append(' ').append(line.strip());
				continue;
			}
			inQuery = false;
			String node = line.strip().replaceFirst("^->\\s*", "");
			boolean isNode = node.contains("(actual ") || node.contains("(never executed)");
			if (isNode && node.contains("Scan")) {
				scans.add(node.replaceAll("\\s*\\(cost=[^)]*\\)", "").replaceAll("\\s*\\(actual ", " (actual "));
			}
			if (buffers == null && node.startsWith("Buffers:")) {
				buffers = node;
			}
		}
		String text = query.toString().replaceAll("\\s+", " ");
		summary.put("query", (text.length() > 160) ? text.substring(0, 160) + "..." : text);
		summary.put("scans", scans);
		if (buffers != null) {
			summary.put("buffers", buffers);
		}
		return summary;
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

	/** Something the server does while its plans are logged. */
	interface Action {

		void run() throws Exception;

	}

}
