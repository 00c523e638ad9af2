package io.chatx.audit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log as stored and as logged: user-supplied values cannot forge log lines, and
 * a client hammering the sign-in limit costs a row and a line per interval, not per
 * attempt. Client addresses come from X-Forwarded-For (trusted in this context only).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "server.forward-headers-strategy=framework", "logging.level.io.chatx.audit=info",
		"chatx.audit.refusal-interval=5s", "chatx.rate-limits.login-per-address.capacity=5",
		"chatx.rate-limits.login-per-address.refill=5", "chatx.rate-limits.login-per-address.period=1h" })
class AuditLogIntegrationTests {

	private static final String LOGIN = "mutation($l: String!, $p: String!) { login(input: {login: $l, password: $p}) { accessToken } }";

	private static final Duration REFUSAL_INTERVAL = Duration.ofSeconds(5);

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Test
	void aLoginWithALineBreakStaysOneEscapedLogLine(CapturedOutput output) {
		String address = newAddress();
		String forged = "nobody\n2026-12-03T09:00:00.000Z ERROR 1 --- [chatx] [main] io.chatx.audit : "
				+ "audit LOGIN_OK user=null subject=\"admin\" address=\"10.9.9.9\"";
		login(address, forged).errors()
			.expect((e) -> "INVALID_CREDENTIALS".equals(e.getExtensions().get("code")))
			.verify();
		List<String> lines = output.getAll().lines().filter((line) -> line.contains(address)).toList();
		assertThat(lines).singleElement()
			.satisfies((line) -> assertThat(line).contains("audit LOGIN_FAILED")
				.contains("subject=\"nobody\\n2026-12-03T09:00:00.000Z ERROR 1 --- [chatx] [main] io.chatx.audit : "
						+ "audit LOGIN_OK user=null subject=\\\"admin\\\" address=\\\"10.9.9.9\\\"\""));
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith("2026-12-03T09:00:00.000Z"));
	}

	@Test
	void refusedSignInsFromOneAddressAreStoredAndLoggedOncePerInterval(CapturedOutput output)
			throws InterruptedException {
		String address = newAddress();
		int refused = 0;
		long started = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			Object code = login(address, TestSupport.unique("nobody")).returnResponse()
				.getErrors()
				.get(0)
				.getExtensions()
				.get("code");
			refused += "RATE_LIMITED".equals(code) ? 1 : 0;
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		assertThat(refused).isEqualTo(95);
		// The refusals counted after the first are stored once their interval has passed.
		long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
		while (storedRefusals(address) < refused && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(storedRefusals(address)).isEqualTo(refused);
		long rows = this.db
			.sql("SELECT count(*) FROM audit_events WHERE kind = 'LOGIN_RATE_LIMITED' AND client_address = :a")
			.bind("a", address)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
		// One row when a burst starts, one with the rest of it: two per interval begun.
		long intervals = elapsed.dividedBy(REFUSAL_INTERVAL) + 1;
		assertThat(rows).isBetween(2L, 2 * intervals);
		List<String> lines = output.getAll()
			.lines()
			.filter((line) -> line.contains("audit LOGIN_RATE_LIMITED") && line.contains(address))
			.toList();
		assertThat(lines).hasSize((int) rows);
	}

	private long storedRefusals(String address) {
		return this.db.sql("""
				SELECT coalesce(sum(occurrences), 0) FROM audit_events
				WHERE kind = 'LOGIN_RATE_LIMITED' AND client_address = :a""")
			.bind("a", address)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
	}

	private GraphQlTester.Response login(String address, String login) {
		return this.client.anonymous()
			.mutate()
			.header("X-Forwarded-For", address)
			.build()
			.document(LOGIN)
			.variable("l", login)
			.variable("p", "password123")
			.execute();
	}

	private static String newAddress() {
		byte[] b = UUID.randomUUID().toString().getBytes();
		return "10." + (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff);
	}

}
