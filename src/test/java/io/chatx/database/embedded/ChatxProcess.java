package io.chatx.database.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.util.LinuxUtils;

import io.chatx.ChatxApplication;

/**
 * A whole ChatX in a JVM of its own, on the embedded PostgreSQL in {@code dataDir}: a
 * process that can be killed like an operator's would be.
 */
final class ChatxProcess implements AutoCloseable {

	private final Process process;

	private final Path output;

	private final int port;

	private ChatxProcess(Process process, Path output, int port) {
		this.process = process;
		this.output = output;
		this.port = port;
	}

	/** Start ChatX as the account the tests run as. */
	static ChatxProcess start(Path dataDir, Path output) {
		return start(dataDir, output, List.of());
	}

	/**
	 * Start ChatX as a normal (non-root) user: as itself when the tests do not run as
	 * root, else in a user namespace where it is nobody and file permissions bind it.
	 */
	static ChatxProcess startAsNormalUser(Path dataDir, Path output) {
		if (!UnprivilegedPostgres.isRoot()) {
			return start(dataDir, output, List.of());
		}
		if (!LinuxUtils.isUnshareAvailable()) {
			throw new IllegalStateException("Running as root without user namespaces: cannot start a normal user");
		}
		return start(dataDir, output, List.of("unshare", "-U"));
	}

	private static ChatxProcess start(Path dataDir, Path output, List<String> prefix) {
		try {
			int port = freePort();
			List<String> command = new ArrayList<>(prefix);
			command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
					"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
					ChatxApplication.class.getName(), "--spring.main.banner-mode=off"));
			// Its own working folder: the test JVM's class path may name the project's.
			ProcessBuilder builder = new ProcessBuilder(command).directory(output.getParent().toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
			Map<String, String> env = builder.environment();
			env.keySet().removeIf((name) -> name.startsWith("CHATX_") || name.startsWith("SPRING_"));
			env.put("SERVER_PORT", Integer.toString(port));
			env.put("CHATX_DATA_DIR", dataDir.toString());
			return new ChatxProcess(builder.start(), output, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	Process process() {
		return this.process;
	}

	String output() {
		try {
			return Files.readString(this.output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether ChatX answered HTTP within {@code wait}. */
	boolean servesWithin(Duration wait) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest liveness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/livez"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try {
				if (http.send(liveness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return true;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		return false;
	}

	/** The exit status, once the process ended within {@code wait}. */
	int exitStatusWithin(Duration wait) throws InterruptedException {
		if (!this.process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("ChatX still runs after " + wait + ":\n" + output());
		}
		return this.process.exitValue();
	}

	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			kill();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
