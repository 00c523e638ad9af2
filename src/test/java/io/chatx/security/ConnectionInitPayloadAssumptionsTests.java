package io.chatx.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.chatx.upstream.GraphQlWebSocketHandlers;
import io.chatx.upstream.StubWebSocketSession;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.server.webflux.AuthenticationWebSocketInterceptor;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ConnectionInitTokenExtractor}'s in-place removal of the token relies on in
 * Spring GraphQL (2.0.6): its WebFlux handler keeps the decoded {@code connection_init}
 * payload for the whole connection (to hand it to the interceptor when the connection
 * closes), and the map it keeps is the same mutable map that
 * {@link AuthenticationWebSocketInterceptor} hands to the extractor. If this fails, the
 * token stays in memory for the connection's life (or the removal is no longer needed).
 */
class ConnectionInitPayloadAssumptionsTests {

	@Test
	void theTokenIsGoneFromThePayloadSpringGraphQlKeepsForTheConnection() {
		AtomicReference<Map<String, Object>> keptUntilClose = new AtomicReference<>();
		WebSocketGraphQlInterceptor authentication = new Recording(
				new AuthenticationWebSocketInterceptor(new ConnectionInitTokenExtractor(),
						(token) -> Mono.just(new TestingAuthenticationToken("user", "", List.of()))),
				keptUntilClose);
		GraphQlWebSocketHandler handler = GraphQlWebSocketHandlers.answering(
				ExecutionResult.newExecutionResult().data(Map.of()).build(), ServerCodecConfigurer.create(),
				authentication);
		StubWebSocketSession session = new StubWebSocketSession(DefaultDataBufferFactory.sharedInstance).receive(
				"{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer a.b.c\",\"client\":\"web\"}}")
			.endOfInput();

		StepVerifier.create(handler.handle(session)).verifyComplete();
		assertThat(session.sentTexts()).singleElement().asString().contains("connection_ack");
		session.close(CloseStatus.NORMAL).block(Duration.ofSeconds(5));

		assertThat(keptUntilClose.get()).containsOnlyKeys("client");
	}

	/**
	 * The authentication interceptor, and what Spring GraphQL hands back as the
	 * connection's payload when it closes (one WebSocket interceptor is allowed).
	 */
	private record Recording(WebSocketGraphQlInterceptor delegate,
			AtomicReference<Map<String, Object>> keptUntilClose) implements WebSocketGraphQlInterceptor {

		@Override
		public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
			return this.delegate.handleConnectionInitialization(info, payload);
		}

		@Override
		public void handleConnectionClosed(WebSocketSessionInfo info, int status, Map<String, Object> payload) {
			this.keptUntilClose.set(payload);
		}

	}

}
