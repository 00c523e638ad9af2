package io.chatx.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Which client messages the protocol guard lets through to Spring GraphQL's handler.
 */
class JsonFrameGuardTests {

	@Test
	void letsProtocolMessagesThrough() {
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"connection_init\",\"payload\":{}}")).isTrue();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"ping\"}")).isTrue();
		assertThat(
				JsonFrameGuard.isClientMessage("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{x}\"}}"))
			.isTrue();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"complete\",\"id\":\"1\"}")).isTrue();
		assertThat(JsonFrameGuard.isClientMessage(
				"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{x}\",\"operationName\":null,"
						+ "\"variables\":{\"a\":1},\"extensions\":null}}"))
			.isTrue();
	}

	@Test
	void stopsWhatIsNotAProtocolMessage() {
		assertThat(JsonFrameGuard.isClientMessage("this is not json")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("[1,2]")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"nope\"}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":7}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"id\":\"1\"}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"subscribe\",\"payload\":{}}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"complete\",\"id\":\"\"}")).isFalse();
		// A subscribe needs a payload with a string query; its other fields have types
		// too.
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"subscribe\",\"id\":\"1\"}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":null}")).isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":7}}"))
			.isFalse();
		assertThat(JsonFrameGuard
			.isClientMessage("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{x}\",\"variables\":[1]}}"))
			.isFalse();
		assertThat(JsonFrameGuard.isClientMessage(
				"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{x}\",\"operationName\":{}}}"))
			.isFalse();
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"connection_init\",\"payload\":\"token\"}")).isFalse();
		// A server's message type is no client message either.
		assertThat(JsonFrameGuard.isClientMessage("{\"type\":\"next\",\"id\":\"1\"}")).isFalse();
	}

	@Test
	void handsEachMessageOnBeforeItsBufferIsFreed() {
		WebSocketSession session = mock(WebSocketSession.class);
		given(session.receive()).willReturn(Flux.from(new FreeingReceiver(40)));
		AtomicReference<WebSocketSession> guarded = new AtomicReference<>();
		new JsonFrameGuard((s) -> {
			guarded.set(s);
			return Mono.empty();
		}, new OpenSessions()).handle(session).block(Duration.ofSeconds(5));

		// A consumer slower than the socket: demand comes one message at a time.
		StepVerifier.create(guarded.get().receive().map(WebSocketMessage::getPayloadAsText), 0)
			.thenRequest(1)
			.expectNext(ping(1))
			.thenRequest(39)
			.expectNextCount(38)
			.expectNext(ping(40))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	private static String ping(int i) {
		return "{\"type\":\"ping\",\"payload\":{\"n\":" + i + "}}";
	}

	/**
	 * Emits text messages on demand and frees each one's buffer as soon as the
	 * subscriber's onNext returns, as Reactor Netty does with incoming frames.
	 */
	private record FreeingReceiver(int count) implements Publisher<WebSocketMessage> {

		@Override
		public void subscribe(org.reactivestreams.Subscriber<? super WebSocketMessage> subscriber) {
			NettyDataBufferFactory buffers = new NettyDataBufferFactory(
					io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
			subscriber.onSubscribe(new Subscription() {

				private long requested;

				private int sent;

				private boolean emitting;

				@Override
				public void request(long n) {
					this.requested += n;
					if (this.emitting) {
						return;
					}
					this.emitting = true;
					while (this.requested > 0 && this.sent < count()) {
						this.requested--;
						WebSocketMessage message = new WebSocketMessage(WebSocketMessage.Type.TEXT,
								buffers.wrap(Unpooled.copiedBuffer(ping(++this.sent), StandardCharsets.UTF_8)));
						subscriber.onNext(message);
						DataBufferUtils.release(message.getPayload());
					}
					this.emitting = false;
					if (this.sent == count()) {
						subscriber.onComplete();
					}
				}

				@Override
				public void cancel() {
				}

			});
		}

	}

}
