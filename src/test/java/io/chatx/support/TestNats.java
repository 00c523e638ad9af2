package io.chatx.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code nats-server} process on a free loopback port. Tests can kill it and start
 * it again on the same port, as an operator's NATS would go away and come back. One is
 * shared by the test JVM ({@link #shared()}); it stops when the JVM exits.
 */
public final class TestNats {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final List<String> PLACES = List.of("/usr/sbin/nats-server", "/usr/bin/nats-server",
			"/usr/local/bin/nats-server");

	private static TestNats shared;

	private final Path binary = binary();

	private final int port;

	private final Path log;

	private Process process;

	private TestNats(int port) {
		this.port = port;
		try {
			this.log = Files.createTempFile("nats-server-" + port + "-", ".log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The NATS of this test JVM, started on first use. */
	public static synchronized TestNats shared() {
		if (shared == null) {
			shared = on(freePort());
			Runtime.getRuntime().addShutdownHook(new Thread(shared::kill));
		}
		return shared;
	}

	/** A NATS of its own on {@code port}, started; the caller kills it. */
	public static TestNats on(int port) {
		TestNats nats = new TestNats(port);
		nats.start();
		return nats;
	}

	public String url() {
		return "nats://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** Start the server (again) on its port and wait until it takes connections. */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		try {
			this.process = new ProcessBuilder(this.binary.toString(), "-a", "127.0.0.1", "-p",
					Integer.toString(this.port))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!acceptsConnections()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("nats-server did not start on port " + this.port + "; see " + this.log);
			}
			sleep(20);
		}
	}

	/**
	 * Kill the server at once (SIGKILL): clients see the connection drop, as in a crash.
	 */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** A port nothing listens on right now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean acceptsConnections() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path binary() {
		Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> dir + "/nats-server");
		return Stream.concat(path, PLACES.stream())
			.map(Path::of)
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"nats-server is not installed; scripts/test installs it (Debian package nats-server)"));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
