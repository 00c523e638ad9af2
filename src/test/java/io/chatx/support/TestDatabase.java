package io.chatx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.chatx.database.EmbeddedPostgresLauncher;

/**
 * The one embedded PostgreSQL of a test JVM, shared by every test class (each test works
 * on its own users and rooms). Started with ChatX's own launcher, so the root handling is
 * exercised too; the application contexts reach it as an external database.
 */
public final class TestDatabase {

	private static EmbeddedPostgres postgres;

	private TestDatabase() {
	}

	public static synchronized int port() {
		if (postgres == null) {
			try {
				Path dir = Files.createTempDirectory("chatx-test-db");
				postgres = EmbeddedPostgresLauncher.start(dir, true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return postgres.getPort();
	}

	public static String url() {
		return "postgresql://localhost:" + port() + "/postgres";
	}

}
