package io.chatx.upstream;

import java.time.Duration;
import java.util.Map;

import graphql.ExecutionResult;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why {@code io.chatx.websocket.JsonFrameGuard} checks client frames: Spring GraphQL's
 * WebFlux handler (2.0.6) fails on a frame that is not a protocol message instead of
 * closing the connection with 4400 as graphql-transport-ws requires, so the connection
 * ends without a close code. When one of these tests fails, Spring GraphQL closes with
 * 4400 itself, and the guard's check can go (its other jobs stay).
 */
class FrameGuardAssumptionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final GraphQlWebSocketHandler handler = GraphQlWebSocketHandlers
		.answering(ExecutionResult.newExecutionResult().data(Map.of("ok", true)).build());

	@Test
	void springGraphQlFailsOnAFrameThatIsNotJsonInsteadOfClosingWith4400() {
		StubWebSocketSession session = new StubWebSocketSession(DefaultDataBufferFactory.sharedInstance)
			.receive("this is not json")
			.endOfInput();

		StepVerifier.create(this.handler.handle(session)).expectError().verify(TIMEOUT);
		assertThat(session.closedWith()).isNull();
	}

	@Test
	void springGraphQlFailsOnASubscribeWithoutPayloadInsteadOfClosingWith4400() {
		StubWebSocketSession session = new StubWebSocketSession(DefaultDataBufferFactory.sharedInstance)
			.receive("{\"type\":\"connection_init\",\"payload\":{}}")
			.receive("{\"type\":\"subscribe\",\"id\":\"1\"}")
			.endOfInput();

		StepVerifier.create(this.handler.handle(session)).expectError().verify(TIMEOUT);
		assertThat(session.closedWith()).isNull();
	}

	@Test
	void springGraphQlStillAnswersAWellFormedOperation() {
		StubWebSocketSession session = new StubWebSocketSession(DefaultDataBufferFactory.sharedInstance)
			.receive("{\"type\":\"connection_init\",\"payload\":{}}")
			.receive("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ ok }\"}}")
			.endOfInput();

		StepVerifier.create(this.handler.handle(session)).verifyComplete();
		assertThat(session.sentTexts()).hasSize(3)
			.satisfies((texts) -> assertThat(texts.get(0)).contains("connection_ack"))
			.satisfies((texts) -> assertThat(texts.get(1)).contains("\"next\"").contains("\"ok\":true"))
			.satisfies((texts) -> assertThat(texts.get(2)).contains("\"complete\""));
		assertThat(session.closedWith()).isNull();
	}

}
