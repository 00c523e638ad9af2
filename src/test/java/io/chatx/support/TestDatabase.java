package io.chatx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.chatx.database.embedded.EmbeddedDatabase;
import io.chatx.database.embedded.EmbeddedPostgresLauncher;

/**
 * The one embedded PostgreSQL of a test JVM, shared by every test class (each test works
 * on its own users and rooms). Started with ChatX's own launcher, so the root handling is
 * exercised too; the application contexts reach it as an external database, as ChatX's
 * own role with its password. Test-only choice: fsync is off, see
 * {@link EmbeddedPostgresLauncher#startThrowawayWithoutFsync}.
 */
public final class TestDatabase {

	private static EmbeddedDatabase postgres;

	private TestDatabase() {
	}

	private static synchronized EmbeddedDatabase database() {
		if (postgres == null) {
			try {
				Path dir = Files.createTempDirectory("chatx-test-db");
				postgres = EmbeddedPostgresLauncher.startThrowawayWithoutFsync(dir);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return postgres;
	}

	public static int port() {
		return database().port();
	}

	public static String url() {
		return "postgresql://localhost:" + port() + "/" + database().database();
	}

	public static String user() {
		return database().user();
	}

	public static String password() {
		return database().password();
	}

}
