package io.chatx.upstream;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;

/**
 * A graphql-transport-ws session without a socket, for running Spring GraphQL's WebFlux
 * handler directly: frames are queued with {@link #receive(String)}, what the handler
 * sends is kept, and so is the status it closed the session with.
 */
public final class StubWebSocketSession extends AbstractWebSocketSession<Object> {

	private final Sinks.Many<WebSocketMessage> incoming = Sinks.many().unicast().onBackpressureBuffer();

	private final List<WebSocketMessage> sent = new CopyOnWriteArrayList<>();

	private final Sinks.One<CloseStatus> closed = Sinks.one();

	private volatile @Nullable CloseStatus closeStatus;

	public StubWebSocketSession(DataBufferFactory buffers) {
		super(new Object(), "stub", new HandshakeInfo(URI.create("ws://localhost/graphql"), new HttpHeaders(),
				Mono.empty(), "graphql-transport-ws"), buffers);
	}

	/** Queues a text frame from the client. */
	public StubWebSocketSession receive(String text) {
		this.incoming.tryEmitNext(textMessage(text));
		return this;
	}

	/** The client sends nothing more: the handler's stream ends once it has answered. */
	public StubWebSocketSession endOfInput() {
		this.incoming.tryEmitComplete();
		return this;
	}

	@Override
	public Flux<WebSocketMessage> receive() {
		return this.incoming.asFlux();
	}

	@Override
	public Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return Flux.from(messages).doOnNext(this.sent::add).then();
	}

	@Override
	public boolean isOpen() {
		return this.closeStatus == null;
	}

	@Override
	public Mono<Void> close(CloseStatus status) {
		return Mono.fromRunnable(() -> {
			this.closeStatus = status;
			this.closed.tryEmitValue(status);
		});
	}

	@Override
	public Mono<CloseStatus> closeStatus() {
		return this.closed.asMono();
	}

	/** The frames the handler sent, in order. */
	public List<WebSocketMessage> sent() {
		return this.sent;
	}

	/** The texts of the frames the handler sent, in order. */
	public List<String> sentTexts() {
		return this.sent.stream().map(WebSocketMessage::getPayloadAsText).toList();
	}

	/** The status the handler closed the session with; null while it is open. */
	public @Nullable CloseStatus closedWith() {
		return this.closeStatus;
	}

}
