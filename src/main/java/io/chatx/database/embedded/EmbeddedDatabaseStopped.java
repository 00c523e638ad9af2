package io.chatx.database.embedded;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What ChatX does when its embedded PostgreSQL dies under it: it exits with status
 * {@value #EXIT_STATUS}, so that its supervisor (systemd, Docker, Kubernetes) restarts
 * both, rather than serving errors with no database.
 */
public final class EmbeddedDatabaseStopped {

	static final int EXIT_STATUS = 3;

	private static final Log logger = LogFactory.getLog(EmbeddedDatabaseStopped.class);

	private EmbeddedDatabaseStopped() {
	}

	public static void exit() {
		logger.error("The embedded PostgreSQL stopped unexpectedly; ChatX exits with status " + EXIT_STATUS
				+ " so that its supervisor restarts it (see postgres.log in the data folder).");
		// Not on this thread: exit waits for the shutdown hooks, which close the
		// application context.
		new Thread(() -> System.exit(EXIT_STATUS), "embedded-postgres-stopped").start();
	}

}
