package io.chatx.system;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import io.chatx.support.ChatxClient;
import io.chatx.support.ChatxInstance;
import io.chatx.support.StoppableDatabase;
import io.chatx.support.TestSupport;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ChatX whose PostgreSQL (a server of its own, not the shared test database) stops or
 * freezes: health says DOWN with 503, at once, and UP again when the database is back;
 * the failing requests meanwhile do not each log a stack trace.
 */
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTests {

	// A correctness bound, not a speed figure: without a timeout of its own the check
	// would wait for the pool (10 s) or for ever.
	static final Duration HEALTH_READ_TIMEOUT = Duration.ofSeconds(5);

	static final String LOGIN = """
			mutation { login(input: {login: "nobody", password: "whatever-it-is"}) { accessToken } }""";

	StoppableDatabase database;

	ChatxInstance chatx;

	@BeforeAll
	void start() {
		this.database = StoppableDatabase.start();
		this.chatx = ChatxInstance.start("--chatx.db.url=" + this.database.url(), "--chatx.db.user=postgres",
				"--chatx.db.password=");
		// The first connections of a cold JVM may take longer than the check waits.
		await().atMost(TestSupport.TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(() -> expectHealth(this.chatx.client(), "/readyz", 200, "UP"));
	}

	@AfterAll
	void stop() {
		if (this.chatx != null) {
			this.chatx.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void healthAnswers503WhileTheDatabaseIsDownAnd200WhenItIsBack() {
		expectHealth(this.chatx.client(), "/readyz", 200, "UP");
		this.database.stop();
		try {
			await().atMost(TestSupport.TIMEOUT)
				.untilAsserted(() -> expectHealth(this.chatx.client(), "/readyz", 503, "DOWN"));
			expectHealth(this.chatx.management(), "/actuator/health/readiness", 503, "DOWN");
			expectHealth(this.chatx.management(), "/actuator/health", 503, "DOWN");
			expectHealth(this.chatx.client(), "/livez", 200, "UP");
		}
		finally {
			this.database.restart();
		}
		await().atMost(TestSupport.TIMEOUT)
			.untilAsserted(() -> expectHealth(this.chatx.client(), "/readyz", 200, "UP"));
		expectHealth(this.chatx.management(), "/actuator/health", 200, "UP");
		this.chatx.client().register();
	}

	@Test
	void healthAnswersDownWhileTheDatabaseIsFrozen() {
		expectHealth(this.chatx.client(), "/readyz", 200, "UP");
		this.database.freeze();
		try {
			expectHealth(this.chatx.client(), "/readyz", 503, "DOWN");
			expectHealth(this.chatx.client(), "/readyz", 503, "DOWN");
			expectHealth(this.chatx.management(), "/actuator/health", 503, "DOWN");
		}
		finally {
			this.database.thaw();
		}
		await().atMost(TestSupport.TIMEOUT)
			.untilAsserted(() -> expectHealth(this.chatx.client(), "/readyz", 200, "UP"));
	}

	@Test
	void failingRequestsDoNotEachLogAStackTrace(CapturedOutput output) {
		int requests = 20;
		this.database.stop();
		try {
			await().atMost(TestSupport.TIMEOUT)
				.untilAsserted(() -> expectHealth(this.chatx.client(), "/readyz", 503, "DOWN"));
			for (int i = 0; i < requests; i++) {
				this.chatx.client()
					.anonymous()
					.document(LOGIN)
					.execute()
					.errors()
					.expect((error) -> "INTERNAL".equals(error.getExtensions().get("code")))
					.verify();
			}
		}
		finally {
			this.database.restart();
		}
		// One line for the kind of failure (two if the first one of the outage differs;
		// none if another test logged one lately), with the stack trace only the first
		// time the kind is seen.
		String log = output.getAll();
		assertThat(count(log, "Internal error [-0-9a-f]+: ")).as(log).isLessThanOrEqualTo(2);
		assertThat(count(log, "Internal error [^\n]*\n[\\w.$]+: ")).as("stack traces logged").isLessThanOrEqualTo(2);
		assertThat(count(log, "Database health check failed")).as("health check failures logged")
			.isLessThanOrEqualTo(2);
	}

	private static int count(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private static void expectHealth(ChatxClient client, String path, int status, String health) {
		client.http()
			.mutate()
			.responseTimeout(HEALTH_READ_TIMEOUT)
			.build()
			.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(health);
	}

}
