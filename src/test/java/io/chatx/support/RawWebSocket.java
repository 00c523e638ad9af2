package io.chatx.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * A bare graphql-transport-ws connection for tests that speak the protocol frame by
 * frame: send any text, read what comes back, see how the server closed the connection.
 */
public final class RawWebSocket implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final BlockingQueue<Map<String, Object>> inbound = new LinkedBlockingQueue<>();

	private final Sinks.One<CloseStatus> closed = Sinks.one();

	private final Disposable connection;

	private RawWebSocket(URI uri, HttpHeaders headers) {
		WebSocketHandler handler = new WebSocketHandler() {
			@Override
			public List<String> getSubProtocols() {
				return List.of("graphql-transport-ws");
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				session.closeStatus().subscribe((status) -> RawWebSocket.this.closed.tryEmitValue(status));
				Mono<Void> in = session.receive()
					.map(WebSocketMessage::getPayloadAsText)
					.doOnNext((text) -> RawWebSocket.this.inbound.add(parse(text)))
					.then();
				Mono<Void> out = session.send(RawWebSocket.this.outbound.asFlux().map(session::textMessage));
				return Mono.zip(in, out).then();
			}
		};
		this.connection = new ReactorNettyWebSocketClient(reactor.netty.http.client.HttpClient.create(),
				() -> reactor.netty.http.client.WebsocketClientSpec.builder().maxFramePayloadLength(1 << 24))
			.execute(uri, headers, handler)
			.subscribe(null, (ex) -> this.closed.tryEmitValue(new CloseStatus(1006, String.valueOf(ex.getMessage()))),
					() -> this.closed.tryEmitValue(CloseStatus.NO_STATUS_CODE));
	}

	public static RawWebSocket connect(URI uri) {
		return new RawWebSocket(uri, new HttpHeaders());
	}

	public static RawWebSocket connect(URI uri, HttpHeaders headers) {
		return new RawWebSocket(uri, headers);
	}

	/** Connect and complete the connection_init handshake with the user's token. */
	public static RawWebSocket connectAs(URI uri, TestUser user) {
		RawWebSocket socket = connect(uri);
		socket.send(
				Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + user.accessToken())));
		socket.expect("connection_ack");
		return socket;
	}

	public void send(String text) {
		this.outbound.tryEmitNext(text);
	}

	public void send(Map<String, Object> message) {
		send(json.writeValueAsString(message));
	}

	public void subscribe(String id, String query, Map<String, Object> variables) {
		send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query, "variables", variables)));
	}

	/** The next message, or null when none arrives in time. */
	public Map<String, Object> next(Duration timeout) {
		try {
			return this.inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next message that is not a ping or pong, which must be of {@code type}. */
	public Map<String, Object> expect(String type) {
		for (;;) {
			Map<String, Object> message = next(TestSupport.TIMEOUT);
			if (message == null) {
				throw new AssertionError("No '" + type + "' message arrived");
			}
			if ("ping".equals(message.get("type")) || "pong".equals(message.get("type"))) {
				continue;
			}
			if (!type.equals(message.get("type"))) {
				throw new AssertionError("Expected '" + type + "' but got " + message);
			}
			return message;
		}
	}

	/** The close status once the server closed the connection. */
	public CloseStatus awaitClose(Duration timeout) {
		return this.closed.asMono().block(timeout);
	}

	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		this.connection.dispose();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(String text) {
		return json.readValue(text, Map.class);
	}

}
