package io.chatx.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.chatx.common.StartupProblem;

/**
 * The embedded PostgreSQL outlives a ChatX killed with {@code kill -9} (it is reparented
 * and keeps its data folder), and a new server on that folder would refuse to start.
 * Before starting, ChatX stops such a leftover: the process named in the cluster's
 * {@code postmaster.pid}, if it is alive and really a PostgreSQL of that cluster.
 */
final class LeftoverPostgres {

	private static final Log logger = LogFactory.getLog(LeftoverPostgres.class);

	private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);

	private static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(10);

	private LeftoverPostgres() {
	}

	/** Stop the leftover server of {@code cluster}, if there is one. */
	static void stop(Path cluster) {
		Path pidFile = cluster.resolve("postmaster.pid");
		Optional<ProcessHandle> owner = pidFileOwner(pidFile);
		if (owner.isEmpty()) {
			return;
		}
		ProcessHandle process = owner.get();
		if (!Files.isDirectory(Path.of("/proc", Long.toString(process.pid())))) {
			// No /proc to tell what the process is: leave it to PostgreSQL's own checks.
			return;
		}
		if (!isPostgresOf(process, cluster)) {
			// The pid was reused, or is a zombie nobody reaps: PostgreSQL would take it
			// for a running server and refuse to start. Its own shared-memory check
			// still guards against a real second server.
			logger.warn("Removing " + pidFile + ": its process " + process.pid() + " is not a PostgreSQL of " + cluster
					+ ".");
			try {
				Files.deleteIfExists(pidFile);
			}
			catch (IOException ex) {
				logger.warn("Could not remove " + pidFile + ": " + ex);
			}
			return;
		}
		logger.warn("A PostgreSQL left running by an earlier ChatX (pid " + process.pid() + ") still holds " + cluster
				+ "; stopping it.");
		// SIGINT: fast shutdown (clients are cut off, data is checkpointed); SIGQUIT:
		// immediate shutdown, recovered from the WAL at the next start.
		if (signalAndWait(process, cluster, "INT", FAST_SHUTDOWN_WAIT)
				|| signalAndWait(process, cluster, "QUIT", IMMEDIATE_SHUTDOWN_WAIT)) {
			return;
		}
		throw new StartupProblem("A PostgreSQL left running by an earlier ChatX (pid " + process.pid() + ") holds "
				+ cluster + " and did not stop.", "Stop process " + process.pid() + " and start again.");
	}

	/** The live process named in the first line of {@code postmaster.pid}, if any. */
	static Optional<ProcessHandle> pidFileOwner(Path pidFile) {
		List<String> lines;
		try {
			lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (lines.isEmpty() || !lines.get(0).strip().matches("[0-9]{1,10}")) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
	}

	// Its command line names the cluster: "postgres -D <cluster> ..." (a zombie's is
	// empty).
	static boolean isPostgresOf(ProcessHandle process, Path cluster) {
		try {
			List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc", process.pid() + "", "cmdline")),
					StandardCharsets.UTF_8)
				.split("\0"));
			int dataDir = args.indexOf("-D");
			return !args.isEmpty() && Path.of(args.get(0)).getFileName().toString().equals("postgres") && dataDir > 0
					&& dataDir + 1 < args.size()
					&& Path.of(args.get(dataDir + 1)).toAbsolutePath().normalize().equals(cluster);
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean signalAndWait(ProcessHandle process, Path cluster, String signal, Duration wait) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			kill.waitFor(10, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + wait.toNanos();
			while (isPostgresOf(process, cluster) && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			return !isPostgresOf(process, cluster);
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
