package io.chatx.database.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * ChatX's own role on the embedded server: not a superuser, owner of the database
 * {@value #DATABASE} and nothing else. Set up (or repaired) at every start, as the
 * superuser. The data of an older ChatX, kept in the database {@code postgres} and owned
 * by the superuser, is handed over: that database becomes {@value #DATABASE}, owned by
 * the role with everything in it, and an empty {@code postgres} takes its place.
 */
final class AppRole {

	static final String NAME = "chatx";

	static final String DATABASE = "chatx";

	private static final Log logger = LogFactory.getLog(AppRole.class);

	private AppRole() {
	}

	static void prepare(int port, EmbeddedCredentials credentials) throws SQLException {
		try (Connection admin = connect(port, "template1", credentials); Statement sql = admin.createStatement()) {
			String role = exists(sql, "SELECT 1 FROM pg_roles WHERE rolname = '" + NAME + "'") ? "ALTER" : "CREATE";
			sql.execute(role + " ROLE " + NAME + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
					+ " NOBYPASSRLS PASSWORD '" + credentials.appPassword() + "'");
			if (!exists(sql, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
				if (hasOlderChatxData(port, credentials)) {
					logger.info("Moving the data of an older ChatX from database postgres to database " + DATABASE
							+ ", owned by role " + NAME);
					sql.execute("ALTER DATABASE postgres RENAME TO " + DATABASE);
					sql.execute("CREATE DATABASE postgres");
				}
				else {
					sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + NAME);
				}
			}
			sql.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + NAME);
			sql.execute("REVOKE CONNECT, TEMPORARY ON DATABASE postgres, template1 FROM PUBLIC");
		}
		try (Connection admin = connect(port, DATABASE, credentials); Statement sql = admin.createStatement()) {
			handOverTables(sql);
		}
	}

	// Idempotent, so that a start interrupted half-way is completed by the next one.
	private static void handOverTables(Statement sql) throws SQLException {
		sql.execute("""
				DO $$
				DECLARE
				  item record;
				BEGIN
				  FOR item IN SELECT c.oid::regclass AS name FROM pg_class c
				      JOIN pg_namespace n ON n.oid = c.relnamespace
				      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
				        AND pg_get_userbyid(c.relowner) <> '%1$s' LOOP
				    EXECUTE format('ALTER TABLE %%s OWNER TO %1$s', item.name);
				  END LOOP;
				  FOR item IN SELECT c.oid::regclass AS name FROM pg_class c
				      JOIN pg_namespace n ON n.oid = c.relnamespace
				      WHERE n.nspname = 'public' AND c.relkind = 'S'
				        AND pg_get_userbyid(c.relowner) <> '%1$s' LOOP
				    EXECUTE format('ALTER SEQUENCE %%s OWNER TO %1$s', item.name);
				  END LOOP;
				END $$""".formatted(NAME));
	}

	private static boolean hasOlderChatxData(int port, EmbeddedCredentials credentials) throws SQLException {
		try (Connection postgres = connect(port, "postgres", credentials); Statement sql = postgres.createStatement()) {
			return exists(sql, "SELECT 1 WHERE to_regclass('public.databasechangelog') IS NOT NULL");
		}
	}

	private static boolean exists(Statement sql, String query) throws SQLException {
		try (ResultSet rows = sql.executeQuery(query)) {
			return rows.next();
		}
	}

	private static Connection connect(int port, String database, EmbeddedCredentials credentials) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres",
				credentials.superuserPassword());
	}

}
