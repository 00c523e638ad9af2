package io.chatx.account;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Racing registrations of one username: the database decides, exactly one wins.
 */
@IntegrationTest
class ConcurrentRegistrationIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void fiftyParallelRegistrationsOfOneUsernameLetExactlyOneSucceed() {
		String username = TestSupport.unique("race");
		WebClient client = WebClient.create("http://localhost:" + this.port + "/graphql");
		List<String> outcomes = Flux.range(0, 50)
			.flatMap((i) -> client.post()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query",
						"mutation($u: String!, $e: String!) { register(input: {username: $u, email: $e, password: \"password123\"}) { user { id } } }",
						"variables",
						Map.of("u", (i % 2 == 0) ? username : username.toUpperCase(), "e",
								"r" + i + "-" + username + "@example.com")))
				.retrieve()
				.bodyToMono(Map.class)
				.map(ConcurrentRegistrationIntegrationTests::outcome), 50)
			.collectList()
			.block(TestSupport.TIMEOUT);
		assertThat(outcomes).hasSize(50);
		assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
		assertThat(outcomes).filteredOn("CONFLICT"::equals).hasSize(49);
	}

	@SuppressWarnings("unchecked")
	private static String outcome(Map<String, Object> body) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		if (errors == null || errors.isEmpty()) {
			return "ok";
		}
		return String.valueOf(((Map<String, Object>) errors.get(0).get("extensions")).get("code"));
	}

}
