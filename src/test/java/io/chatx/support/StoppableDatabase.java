package io.chatx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL of a test's own, for tests of a database outage: it can be
 * stopped and started again on the same port with the same data, or frozen (every one of
 * its processes stopped with SIGSTOP, as a hung server or host would be) and thawed. The
 * shared {@link TestDatabase} is not touched.
 */
public final class StoppableDatabase implements AutoCloseable {

	private final Path cluster;

	private final int port;

	private EmbeddedPostgres postgres;

	private StoppableDatabase(Path cluster, int port) {
		this.cluster = cluster;
		this.port = port;
	}

	public static StoppableDatabase start() {
		try {
			StoppableDatabase database = new StoppableDatabase(Files.createTempDirectory("chatx-stoppable-db"),
					freePort());
			database.restart();
			return database;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The URL for {@code chatx.db.url}, with user {@code postgres} and no password. */
	public String url() {
		return "postgresql://localhost:" + this.port + "/postgres";
	}

	/** Start the server again (after {@link #stop()}) on the same port and data. */
	public synchronized void restart() {
		try {
			this.postgres = EmbeddedPostgres.builder()
				.setDataDirectory(this.cluster)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stop the server: new connections are refused, open ones are closed. */
	public synchronized void stop() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.postgres = null;
	}

	/** Freeze every process of the server: connections open, nobody answers. */
	public void freeze() {
		// The postmaster first, so that it starts no new backend meanwhile.
		signal("STOP", processes());
	}

	public void thaw() {
		List<ProcessHandle> processes = processes();
		Collections.reverse(processes);
		signal("CONT", processes);
	}

	private List<ProcessHandle> processes() {
		try {
			long pid = Long.parseLong(Files.readAllLines(this.cluster.resolve("postmaster.pid")).get(0).trim());
			ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
			List<ProcessHandle> all = new ArrayList<>(List.of(postmaster));
			postmaster.descendants().forEach(all::add);
			return all;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void signal(String signal, List<ProcessHandle> processes) {
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		processes.forEach((process) -> command.add(Long.toString(process.pid())));
		try {
			int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException(command + " exited with " + exit);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public synchronized void close() {
		if (this.postgres != null) {
			stop();
		}
	}

}
