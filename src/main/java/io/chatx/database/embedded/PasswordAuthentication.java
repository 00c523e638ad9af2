package io.chatx.database.embedded;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.chatx.common.StartupProblem;

/**
 * Locks the embedded cluster before its server starts: SCRAM passwords for every
 * connection, from this machine only. zonky's {@code initdb} trusts everyone and a
 * cluster of an older ChatX did too, so the superuser's password is set in PostgreSQL's
 * single-user mode, which opens no socket: nobody can connect while it is unset.
 */
final class PasswordAuthentication {

	private static final Log logger = LogFactory.getLog(PasswordAuthentication.class);

	/** The whole {@code pg_hba.conf} of the embedded cluster. */
	static final String PG_HBA = """
			# Written by ChatX at every start: SCRAM passwords only, from this machine only.
			# TYPE  DATABASE  USER  ADDRESS       METHOD
			local   all       all                 scram-sha-256
			host    all       all   127.0.0.1/32  scram-sha-256
			host    all       all   ::1/128       scram-sha-256
			""";

	private PasswordAuthentication() {
	}

	static void apply(Path cluster, EmbeddedCredentials credentials) {
		Path hba = cluster.resolve("pg_hba.conf");
		try {
			boolean locked = Files.exists(hba) && Files.readString(hba).equals(PG_HBA);
			if (credentials.generated() || !locked) {
				if (!locked) {
					logger.info("Setting up password authentication for the embedded PostgreSQL in " + cluster);
				}
				setSuperuserPassword(cluster, credentials.superuserPassword());
			}
			if (!locked) {
				// Rewrites the file in place: it keeps its owner (the account the server
				// runs as).
				Files.writeString(hba, PG_HBA);
			}
		}
		catch (IOException ex) {
			throw new StartupProblem("Could not set up password authentication in " + cluster + ": " + ex,
					"Check that the data folder is writable by the account ChatX runs as.", ex);
		}
	}

	private static void setSuperuserPassword(Path cluster, String password) throws IOException {
		List<String> command = new ArrayList<>(UnprivilegedPostgres.runAsPostgresPrefix());
		command.addAll(List.of(UnprivilegedPostgres.unpackRealBinaries().resolve("bin/postgres").toString(), "--single",
				"-D", cluster.toString(), "-c", "password_encryption=scram-sha-256", "template1"));
		Process process = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true).start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(("ALTER ROLE postgres PASSWORD '" + password + "'\n").getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		List<String> errors = output.lines()
			.filter((line) -> line.contains("ERROR") || line.contains("FATAL"))
			.toList();
		if (process.isAlive() || process.exitValue() != 0 || !errors.isEmpty()) {
			throw new StartupProblem(
					"Could not set the password of the embedded PostgreSQL in " + cluster + ". PostgreSQL said: "
							+ (errors.isEmpty() ? output.strip() : String.join(" / ", errors)),
					"Check that no other PostgreSQL uses " + cluster + " and that the folder is writable.");
		}
	}

}
