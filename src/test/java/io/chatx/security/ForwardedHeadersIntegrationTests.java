package io.chatx.security;

import java.net.InetSocketAddress;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;

import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Behind a proxy ({@code server.forward-headers-strategy=native}, as docker-compose.yml
 * runs ChatX), forwarded headers decide the per-address limits only when the proxy sent
 * them. Here 127.0.0.1 is the trusted proxy and 127.0.0.2 a client that reaches ChatX
 * directly (both loopback, so the test needs no network).
 */
@IntegrationTest
@TestPropertySource(properties = { "server.forward-headers-strategy=native", "chatx.trusted-proxies=127.0.0.1",
		"chatx.rate-limits.login-per-address.capacity=3", "chatx.rate-limits.login-per-address.refill=3",
		"chatx.rate-limits.login-per-address.period=1h" })
class ForwardedHeadersIntegrationTests {

	private static final String LOGIN = "mutation($l: String!, $p: String!) { login(input: {login: $l, password: $p}) { accessToken } }";

	@Autowired
	Environment environment;

	@Test
	void anUntrustedClientCannotRotateItsAddressWithForwardedHeaders() {
		for (int i = 0; i < 3; i++) {
			expectCode(login("127.0.0.2", randomAddress(), "for=" + randomAddress()), "INVALID_CREDENTIALS");
		}
		expectCode(login("127.0.0.2", randomAddress(), "for=" + randomAddress()), "RATE_LIMITED");
		expectCode(login("127.0.0.2", null, null), "RATE_LIMITED");
	}

	@Test
	void aTrustedProxyNamesTheClientInXForwardedFor() {
		String client = randomAddress();
		for (int i = 0; i < 3; i++) {
			// What the client wrote itself is on the left; the proxy appended what it
			// saw.
			expectCode(login("127.0.0.1", randomAddress() + ", " + client, "for=" + randomAddress()),
					"INVALID_CREDENTIALS");
		}
		expectCode(login("127.0.0.1", client, null), "RATE_LIMITED");
		// Another client behind the same proxy is not affected.
		expectCode(login("127.0.0.1", randomAddress(), null), "INVALID_CREDENTIALS");
	}

	@Test
	void aTrustedProxysForwardedHeaderIsNotRead() {
		String client = randomAddress();
		for (int i = 0; i < 3; i++) {
			expectCode(login("127.0.0.1", client, "for=" + randomAddress()), "INVALID_CREDENTIALS");
		}
		expectCode(login("127.0.0.1", client, "for=" + randomAddress()), "RATE_LIMITED");
	}

	private GraphQlTester.Response login(String from, String xForwardedFor, String forwarded) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(from, 0));
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		WebTestClient web = WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + port + "/graphql")
			.responseTimeout(TestSupport.TIMEOUT)
			.defaultHeaders((headers) -> {
				if (xForwardedFor != null) {
					headers.add("X-Forwarded-For", xForwardedFor);
				}
				if (forwarded != null) {
					headers.add("Forwarded", forwarded);
				}
			})
			.build();
		return HttpGraphQlTester.create(web)
			.document(LOGIN)
			.variable("l", TestSupport.unique("nobody"))
			.variable("p", "password123")
			.execute();
	}

	private static void expectCode(GraphQlTester.Response response, String code) {
		response.errors().expect((e) -> code.equals(e.getExtensions().get("code"))).verify();
	}

	private static String randomAddress() {
		byte[] b = UUID.randomUUID().toString().getBytes();
		return "10." + (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff);
	}

}
