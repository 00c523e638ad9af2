package io.chatx.database.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A running embedded PostgreSQL and how ChatX connects to it: as its own role
 * {@value AppRole#NAME}, with a password, to its database {@value AppRole#DATABASE}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EmbeddedDatabase.class);

	private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

	private final EmbeddedPostgres server;

	private final Path cluster;

	private final EmbeddedCredentials credentials;

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile boolean stopped;

	EmbeddedDatabase(EmbeddedPostgres server, Path cluster, EmbeddedCredentials credentials) {
		this.server = server;
		this.cluster = cluster;
		this.credentials = credentials;
	}

	public int port() {
		return this.server.getPort();
	}

	public String database() {
		return AppRole.DATABASE;
	}

	public String user() {
		return AppRole.NAME;
	}

	public String password() {
		return this.credentials.appPassword();
	}

	/** The folder of the PostgreSQL cluster. */
	public Path cluster() {
		return this.cluster;
	}

	/**
	 * Run {@code action} if the server stops while nobody closed it (killed, crashed).
	 * Polled from the process table, since the postmaster is not ChatX's child (pg_ctl
	 * started it) and may linger as a zombie where nobody reaps it.
	 */
	public void onUnexpectedStop(Runnable action) {
		Optional<ProcessHandle> postmaster = LeftoverPostgres.pidFileOwner(this.cluster.resolve("postmaster.pid"));
		if (postmaster.isEmpty() || !LeftoverPostgres.isPostgresOf(postmaster.get(), this.cluster)) {
			logger.warn("Cannot watch the embedded PostgreSQL: its process is not found from postmaster.pid.");
			return;
		}
		Thread watch = new Thread(() -> {
			try {
				while (LeftoverPostgres.isPostgresOf(postmaster.get(), this.cluster)) {
					Thread.sleep(WATCH_INTERVAL.toMillis());
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			this.stopped = true;
			if (!this.closing.get()) {
				action.run();
			}
		}, "embedded-postgres-watch");
		watch.setDaemon(true);
		watch.start();
	}

	@Override
	public void close() throws IOException {
		if (this.closing.getAndSet(true) || this.stopped) {
			// A dead server cannot be stopped (pg_ctl would only log a stack trace).
			return;
		}
		this.server.close();
	}

}
