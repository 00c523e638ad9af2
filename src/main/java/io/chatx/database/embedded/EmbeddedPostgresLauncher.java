package io.chatx.database.embedded;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.chatx.common.StartupProblem;

/**
 * Starts the embedded PostgreSQL (zonky) with its data kept in a folder between runs.
 * PostgreSQL refuses to run as root. As root, zonky runs it in a user namespace
 * ({@code unshare -U}) where that is allowed; where it is not (containers with the
 * default seccomp profile), ChatX runs it under an unprivileged account instead
 * ({@link UnprivilegedPostgres}).
 * <p>
 * The server is durable (zonky's {@code -F} is overridden: {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on), takes SCRAM passwords only
 * ({@link PasswordAuthentication}), listens on localhost only, and ChatX uses a role that
 * is no superuser ({@link AppRole}). A server left running by a killed ChatX is stopped
 * first ({@link LeftoverPostgres}). PostgreSQL's own output goes to {@code postgres.log}
 * in the data folder, and into the start-up failure message.
 */
public final class EmbeddedPostgresLauncher {

	static final String LOG_FILE = "postgres.log";

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresLauncher.class);

	private static final int FAILURE_LOG_LINES = 8;

	private EmbeddedPostgresLauncher() {
	}

	/**
	 * Start the durable PostgreSQL of ChatX on a free port with its cluster in
	 * {@code dataDir/postgres}, keeping the data.
	 * @param dataDir the folder that keeps the data
	 * @return the running server
	 */
	public static EmbeddedDatabase start(Path dataDir) {
		return start(dataDir, false, true);
	}

	/**
	 * Start a throw-away PostgreSQL for tests, wiped on close. Test-only choice:
	 * {@code fsync} stays off (zonky's {@code -F}), since a power loss cannot hurt data
	 * nobody keeps. Everything else is as in {@link #start(Path)}.
	 * @param dataDir the folder for the cluster
	 * @return the running server
	 */
	public static EmbeddedDatabase startThrowawayWithoutFsync(Path dataDir) {
		return start(dataDir, true, false);
	}

	private static EmbeddedDatabase start(Path dataDir, boolean clean, boolean fsync) {
		Path data = dataDir.toAbsolutePath().normalize();
		Path cluster = data.resolve("postgres");
		Path log = data.resolve(LOG_FILE);
		try {
			Files.createDirectories(cluster);
			requireWritable(data);
			LeftoverPostgres.stop(cluster);
			EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(data);
			keepPreviousLog(log);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(cluster)
				.setCleanDataDirectory(clean)
				.setServerConfig("fsync", fsync ? "on" : "off")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("password_encryption", "scram-sha-256")
				.setServerConfig("max_connections", "200")
				.setLocaleConfig("locale-provider", "builtin")
				.setLocaleConfig("builtin-locale", "C.UTF-8")
				.setConnectConfig("password", credentials.superuserPassword())
				.setDataDirectoryCustomizer((dir) -> PasswordAuthentication.apply(dir.toPath(), credentials))
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.setPGStartupWait(java.time.Duration.ofSeconds(60));
			if (UnprivilegedPostgres.isRoot() && !LinuxUtils.isUnshareAvailable()) {
				UnprivilegedPostgres.prepare(builder, cluster);
			}
			EmbeddedPostgres postgres = builder.start();
			AppRole.prepare(postgres.getPort(), credentials);
			logger.info("Embedded PostgreSQL is running on port " + postgres.getPort() + " with data in " + cluster
					+ " (its log: " + log + ")");
			return new EmbeddedDatabase(postgres, cluster, credentials);
		}
		catch (AccessDeniedException ex) {
			throw new StartupProblem(
					"Permission denied: ChatX cannot write " + ex.getFile() + " in its data folder " + data + ".",
					"Give the account ChatX runs as write access to " + data
							+ ", or set CHATX_DATA_DIR to a folder it can write.",
					ex);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			if (ex instanceof StartupProblem problem) {
				throw problem;
			}
			throw new StartupProblem(
					"The embedded PostgreSQL did not start in " + cluster + ": " + ex.getMessage() + postgresSaid(log),
					"See " + log
							+ ". Check that the folder is writable, or set CHATX_DB_URL to use your own PostgreSQL.",
					ex);
		}
	}

	// Root may write anywhere, other accounts only where the permissions say so.
	private static void requireWritable(Path dir) throws AccessDeniedException {
		if (!Files.isWritable(dir)) {
			throw new AccessDeniedException(dir.toString());
		}
	}

	// One earlier log is kept: the one of a run that crashed is what an operator reads.
	private static void keepPreviousLog(Path log) throws IOException {
		if (Files.exists(log)) {
			Files.move(log, log.resolveSibling(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static String postgresSaid(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			List<String> last = lines.subList(Math.max(0, lines.size() - FAILURE_LOG_LINES), lines.size());
			return last.isEmpty() ? "" : " PostgreSQL said: " + String.join(" / ", last);
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
