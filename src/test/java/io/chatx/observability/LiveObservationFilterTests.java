package io.chatx.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class LiveObservationFilterTests {

	private final LiveObservationFilter filter = new LiveObservationFilter();

	@Test
	void aWebSocketUpgradeIsNotObservedAndOtherRequestsAre() {
		assertThat(observed(MockServerHttpRequest.get("/graphql").header("Upgrade", "websocket").build())).isFalse();
		assertThat(observed(MockServerHttpRequest.get("/graphql").header("Upgrade", "WebSocket").build())).isFalse();
		assertThat(observed(MockServerHttpRequest.post("/graphql").build())).isTrue();
	}

	private boolean observed(MockServerHttpRequest request) {
		return this.filter.test("http.server.requests",
				new ServerRequestObservationContext(request, new MockServerHttpResponse(), Map.of()));
	}

}
