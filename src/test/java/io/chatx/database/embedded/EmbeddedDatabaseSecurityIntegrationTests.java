package io.chatx.database.embedded;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatx.ChatxApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The embedded PostgreSQL as ChatX itself starts it: durable, reachable only with the
 * generated passwords, and ChatX connected as a role that is no superuser.
 */
class EmbeddedDatabaseSecurityIntegrationTests {

	@TempDir
	static Path dataDir;

	static ConfigurableApplicationContext chatx;

	static int port;

	@BeforeAll
	static void startChatx() {
		chatx = new SpringApplicationBuilder(ChatxApplication.class).run("--server.port=0", "--chatx.db.url=",
				"--chatx.jwt.secret=", "--chatx.db.data-dir=" + dataDir, "--spring.main.banner-mode=off");
		port = chatx.getBean(EmbeddedDatabase.class).port();
	}

	@AfterAll
	static void stopChatx() {
		chatx.close();
	}

	@Test
	void theServerChatxStartedSyncsEveryCommitToDisk() {
		DatabaseClient database = chatx.getBean(DatabaseClient.class);
		for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
			assertThat(database.sql("SHOW " + setting).map((row) -> row.get(0, String.class)).one().block()).as(setting)
				.isEqualTo("on");
		}
	}

	@Test
	void passwordsAreKeptInAFileOnlyItsOwnerReads() throws IOException {
		Path file = dataDir.resolve(EmbeddedCredentials.FILE_NAME);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(credentials().getProperty("superuser")).hasSizeGreaterThanOrEqualTo(32);
		assertThat(credentials().getProperty("chatx")).hasSizeGreaterThanOrEqualTo(32)
			.isNotEqualTo(credentials().getProperty("superuser"));
	}

	@Test
	void connectionsWithoutThePasswordAreRefused() {
		for (String user : List.of("postgres", "chatx")) {
			for (String database : List.of("postgres", "chatx", "template1")) {
				SQLException refused = catchThrowableOfType(SQLException.class,
						() -> connect(database, user, null).close());
				assertThat((Throwable) refused).as(user + "@" + database).isNotNull();
				// Without a password the client cannot even try: the server asked for
				// one.
				assertThat(refused.getMessage()).contains("SCRAM");
			}
		}
	}

	@Test
	void connectionsWithAWrongPasswordAreRefused() {
		for (String user : List.of("postgres", "chatx")) {
			SQLException refused = catchThrowableOfType(SQLException.class,
					() -> connect("chatx", user, "not-the-password").close());
			assertThat((Throwable) refused).as(user).isNotNull();
			assertThat(refused.getSQLState()).isEqualTo("28P01");
		}
	}

	@Test
	void onlyScramFromThisMachineIsAccepted() throws Exception {
		List<String> rules = Files.readAllLines(dataDir.resolve("postgres").resolve("pg_hba.conf"))
			.stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.toList();
		assertThat(rules).isNotEmpty().allSatisfy((rule) -> assertThat(rule).endsWith("scram-sha-256"));
		try (Connection app = connectAsChatx(); Statement sql = app.createStatement()) {
			assertThat(single(sql, "SHOW listen_addresses")).isEqualTo("localhost");
			assertThat(single(sql, "SHOW password_encryption")).isEqualTo("scram-sha-256");
		}
	}

	@Test
	void chatxRoleIsNoSuperuserAndOwnsOnlyItsDatabase() throws Exception {
		try (Connection app = connectAsChatx(); Statement sql = app.createStatement()) {
			assertThat(single(sql, "SELECT current_user")).isEqualTo("chatx");
			assertThat(single(sql, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
				.isEqualTo("false");
			assertThat(all(sql, "SELECT datname FROM pg_database WHERE datdba = "
					+ "(SELECT oid FROM pg_roles WHERE rolname = current_user)"))
				.containsExactly("chatx");
			assertThat(all(sql, "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")).isNotEmpty()
				.containsOnly("chatx");
			SQLException refused = catchThrowableOfType(SQLException.class,
					() -> sql.execute("COPY (SELECT 1) TO PROGRAM 'id'"));
			assertThat((Throwable) refused).isNotNull();
			assertThat(refused.getSQLState()).isEqualTo("42501");
		}
		SQLException noEntry = catchThrowableOfType(SQLException.class,
				() -> connect("postgres", "chatx", credentials().getProperty("chatx")).close());
		assertThat((Throwable) noEntry).as("chatx may not connect to database postgres").isNotNull();
	}

	private static Connection connectAsChatx() throws IOException, SQLException {
		return connect("chatx", "chatx", credentials().getProperty("chatx"));
	}

	private static Connection connect(String database, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		if (password != null) {
			properties.setProperty("password", password);
		}
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, properties);
	}

	private static Properties credentials() throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(dataDir.resolve(EmbeddedCredentials.FILE_NAME))) {
			properties.load(reader);
		}
		return properties;
	}

	private static String single(Statement sql, String query) throws SQLException {
		List<String> values = all(sql, query);
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	private static List<String> all(Statement sql, String query) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rows = sql.executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
