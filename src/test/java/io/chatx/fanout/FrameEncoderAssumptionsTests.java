package io.chatx.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import graphql.ExecutionResult;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import io.chatx.upstream.GraphQlWebSocketHandlers;
import io.chatx.upstream.StubWebSocketSession;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.util.MimeType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SharedFrameEncoder} relies on in Spring (7.0) and Spring GraphQL (2.0.6):
 * an encoder registered as a custom codec comes before Jackson, Spring GraphQL's WebFlux
 * handler writes every message with the first JSON encoder that can, and a subscription
 * result reaches it with graphql-java's data map as it was (the {@link SharedResult}
 * itself, not a copy). If one of these stops holding, shared events are written by
 * Jackson again: still correct, but the fan-out's CPU saving is gone.
 */
class FrameEncoderAssumptionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void springGraphQlWritesWithTheFirstJsonEncoderAndHandsItTheSharedResultItself() {
		SharedResult event = new SharedResult(Map.of("__typename", "MessagePosted"));
		ExecutionResult subscription = ExecutionResult.newExecutionResult()
			.data(Flux.just(ExecutionResult.newExecutionResult().data(Map.of("roomEvents", event)).build()))
			.build();
		// Registered as the application's CodecCustomizer registers it.
		Recording recording = new Recording(
				new SharedFrameEncoder(new JacksonJsonEncoder(JsonMapper.builder().build())));
		ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
		codecs.customCodecs().register(recording);
		GraphQlWebSocketHandler handler = GraphQlWebSocketHandlers.answering(subscription, codecs, null);
		// A session whose own buffers are not Netty's: a Netty heap frame is the
		// encoder's.
		StubWebSocketSession session = new StubWebSocketSession(DefaultDataBufferFactory.sharedInstance)
			.receive("{\"type\":\"connection_init\",\"payload\":{}}")
			.receive("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"subscription { roomEvents }\"}}")
			.endOfInput();

		StepVerifier.create(handler.handle(session)).verifyComplete();

		assertThat(recording.messages).extracting(GraphQlWebSocketMessage::resolvedType)
			.containsExactly(GraphQlWebSocketMessageType.CONNECTION_ACK, GraphQlWebSocketMessageType.NEXT,
					GraphQlWebSocketMessageType.COMPLETE);
		Map<?, ?> payload = (Map<?, ?>) recording.messages.get(1).getPayload();
		assertThat(((Map<?, ?>) payload.get("data")).get("roomEvents")).isSameAs(event);
		assertThat(session.sent()).hasSize(3).allSatisfy((frame) -> {
			ByteBuf written = ((NettyDataBuffer) frame.getPayload()).getNativeBuffer();
			assertThat(written.isDirect()).isFalse();
		});
		assertThat(session.sentTexts().get(1))
			.isEqualTo("{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"roomEvents\":"
					+ "{\"__typename\":\"MessagePosted\"}}}}");
	}

	/** The shared-frame encoder, keeping the messages it was asked to write. */
	private static final class Recording implements Encoder<GraphQlWebSocketMessage> {

		private final List<GraphQlWebSocketMessage> messages = new CopyOnWriteArrayList<>();

		private final SharedFrameEncoder encoder;

		Recording(SharedFrameEncoder encoder) {
			this.encoder = encoder;
		}

		@Override
		public boolean canEncode(ResolvableType type, @Nullable MimeType mimeType) {
			return this.encoder.canEncode(type, mimeType);
		}

		@Override
		public Flux<DataBuffer> encode(Publisher<? extends GraphQlWebSocketMessage> messages,
				DataBufferFactory bufferFactory, ResolvableType type, @Nullable MimeType mimeType,
				@Nullable Map<String, Object> hints) {
			return Flux.from(messages).map((message) -> encodeValue(message, bufferFactory, type, mimeType, hints));
		}

		@Override
		public DataBuffer encodeValue(GraphQlWebSocketMessage message, DataBufferFactory bufferFactory,
				ResolvableType type, @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
			this.messages.add(message);
			return this.encoder.encodeValue(message, bufferFactory, type, mimeType, hints);
		}

		@Override
		public List<MimeType> getEncodableMimeTypes() {
			return this.encoder.getEncodableMimeTypes();
		}

	}

}
