package io.chatx.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionInitTokenExtractorTests {

	private final ConnectionInitTokenExtractor extractor = new ConnectionInitTokenExtractor();

	@Test
	void readsBearerTokenAndDropsItFromThePayload() {
		Map<String, Object> payload = new LinkedHashMap<>(Map.of("Authorization", "Bearer a.b-c_d", "client", "web"));
		StepVerifier.create(this.extractor.getAuthentication(payload))
			.assertNext((auth) -> assertThat(((BearerTokenAuthenticationToken) auth).getToken()).isEqualTo("a.b-c_d"))
			.verifyComplete();
		assertThat(payload).containsOnlyKeys("client");
	}

	@Test
	void readsAuthTokenAndDropsIt() {
		Map<String, Object> payload = new LinkedHashMap<>(Map.of("authToken", " a.b.c "));
		StepVerifier.create(this.extractor.getAuthentication(payload))
			.assertNext((auth) -> assertThat(((BearerTokenAuthenticationToken) auth).getToken()).isEqualTo("a.b.c"))
			.verifyComplete();
		assertThat(payload).isEmpty();
	}

	// Any AuthenticationException closes the socket with 4401.
	@Test
	void refusesOtherSchemesAndMissingTokens() {
		StepVerifier.create(this.extractor.getAuthentication(Map.of("authorization", "Basic dXNlcjpwYXNz")))
			.verifyError(AuthenticationException.class);
		StepVerifier.create(this.extractor.getAuthentication(Map.of())).verifyError(BadCredentialsException.class);
	}

}
