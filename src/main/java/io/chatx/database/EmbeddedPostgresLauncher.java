package io.chatx.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.chatx.system.StartupProblem;

/**
 * Starts the embedded PostgreSQL (zonky) with its data kept in a folder between runs.
 * PostgreSQL refuses to run as root. As root, zonky runs it in a user namespace
 * ({@code unshare -U}) where that is allowed; where it is not (containers with the
 * default seccomp profile), ChatX runs it under an unprivileged account instead
 * ({@link UnprivilegedPostgres}).
 */
public final class EmbeddedPostgresLauncher {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresLauncher.class);

	private EmbeddedPostgresLauncher() {
	}

	/**
	 * Start PostgreSQL on a free port with its cluster in {@code dataDir/postgres}.
	 * @param dataDir the folder that keeps the data
	 * @param clean whether to wipe the cluster on close (tests)
	 * @return the running server
	 */
	public static EmbeddedPostgres start(Path dataDir, boolean clean) {
		Path cluster = dataDir.toAbsolutePath().normalize().resolve("postgres");
		try {
			Files.createDirectories(cluster);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(cluster)
				.setCleanDataDirectory(clean)
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "200")
				.setLocaleConfig("locale-provider", "builtin")
				.setLocaleConfig("builtin-locale", "C.UTF-8")
				.setPGStartupWait(java.time.Duration.ofSeconds(60));
			if (UnprivilegedPostgres.isRoot() && !LinuxUtils.isUnshareAvailable()) {
				UnprivilegedPostgres.prepare(builder, cluster);
			}
			EmbeddedPostgres postgres = builder.start();
			logger.info("Embedded PostgreSQL is running on port " + postgres.getPort() + " with data in " + cluster);
			return postgres;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof StartupProblem problem) {
				throw problem;
			}
			throw new StartupProblem("The embedded PostgreSQL did not start in " + cluster + ": " + ex.getMessage(),
					"Check that the folder is writable and not used by another ChatX, or set CHATX_DB_URL to use your own PostgreSQL.",
					ex);
		}
	}

}
