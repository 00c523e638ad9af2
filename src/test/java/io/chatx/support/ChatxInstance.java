package io.chatx.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.chatx.ChatxApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * A whole ChatX started in this JVM on a port of its own, against the shared test
 * database, for tests with several instances. Settings are command-line arguments, so
 * they win over {@code application.yaml} as an operator's would.
 */
public final class ChatxInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final ChatFixtures fixtures;

	private ChatxInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.fixtures = new ChatFixtures(port());
	}

	/**
	 * Start an instance with {@code args} on top of the test defaults. An argument
	 * replaces the default of its property (given twice, a property would be a list), and
	 * with a {@code chatx.db.url} of its own the shared test database is not started.
	 */
	public static ChatxInstance start(String... args) {
		List<String> given = List.of(args);
		List<String> all = new ArrayList<>();
		if (!isGiven("--chatx.db.url=", given)) {
			all.add("--chatx.db.url=" + TestDatabase.url());
		}
		for (String arg : List.of("--server.port=0", "--management.server.port=0",
				"--chatx.db.user=" + TestDatabase.user(), "--chatx.db.password=" + TestDatabase.password(),
				"--chatx.jwt.secret=" + TestSupport.JWT_SECRET, "--chatx.rate-limits.enabled=false",
				"--spring.main.banner-mode=off", "--logging.level.io.chatx.audit=warn")) {
			if (!isGiven(arg.substring(0, arg.indexOf('=') + 1), given)) {
				all.add(arg);
			}
		}
		all.addAll(given);
		return new ChatxInstance(
				new SpringApplicationBuilder(ChatxApplication.class).initializers(ChatxInstance::ownNettyResources)
					.run(all.toArray(String[]::new)));
	}

	private static boolean isGiven(String prefix, List<String> args) {
		return args.stream().anyMatch((arg) -> arg.startsWith(prefix));
	}

	// By default every Reactor Netty server in a JVM shares global event loops, which the
	// first context to close shuts down, taking the other instances' servers (and the
	// tests' clients) with it. Separate processes would not share them either.
	private static void ownNettyResources(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			resources.setShutdownQuietPeriod(Duration.ZERO);
			return resources;
		});
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** The port of Actuator (metrics, Prometheus, health with every contributor). */
	public int managementPort() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.management.port"));
	}

	/** A client of the management port. */
	public ChatxClient management() {
		return new ChatxClient(managementPort());
	}

	public ChatxClient client() {
		return this.fixtures.client();
	}

	public ChatFixtures fixtures() {
		return this.fixtures;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public boolean isRunning() {
		return this.context.isActive();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
