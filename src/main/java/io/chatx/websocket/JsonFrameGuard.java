package io.chatx.websocket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Closes a graphql-transport-ws connection with 4400 when a client sends a message the
 * protocol does not know (not JSON, no or an unknown {@code type}, an operation without
 * {@code id}, a {@code subscribe} without a valid payload), as the protocol requires.
 * Spring GraphQL's WebFlux handler ends such a connection without a close code (seen with
 * Spring GraphQL 2.0.6); this wraps its session and changes nothing else. It also keeps
 * track of the open connections for shutdown.
 */
final class JsonFrameGuard implements WebSocketHandler {

	static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Log logger = LogFactory.getLog(JsonFrameGuard.class);

	private final WebSocketHandler delegate;

	private final OpenSessions openSessions;

	private final Runnable onInit;

	JsonFrameGuard(WebSocketHandler delegate, OpenSessions openSessions) {
		this(delegate, openSessions, () -> {
		});
	}

	/**
	 * @param onInit run when the client sends {@code connection_init} and when the
	 * connection ends (it may run more than once)
	 */
	JsonFrameGuard(WebSocketHandler delegate, OpenSessions openSessions, Runnable onInit) {
		this.delegate = delegate;
		this.openSessions = openSessions;
		this.onInit = onInit;
	}

	@Override
	public List<String> getSubProtocols() {
		return this.delegate.getSubProtocols();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return Mono.defer(() -> {
			this.openSessions.add(session);
			return this.delegate.handle(new GuardedSession(session, this.onInit));
		})
			// Reactor Netty and Spring log this at debug
			// only; a connection ended by a fault must show.
			.doOnError((ex) -> logger.error("WebSocket connection " + session.getId() + " ended by an error", ex))
			.doFinally((signal) -> {
				this.openSessions.remove(session);
				this.onInit.run();
			});
	}

	private static final Set<String> CLIENT_TYPES = Set.of("connection_init", "ping", "pong", "subscribe", "complete");

	/** Whether {@code text} is a message a graphql-transport-ws client may send. */
	static boolean isClientMessage(String text) {
		try {
			JsonNode message = json.readTree(text);
			String type = message.path("type").isString() ? message.path("type").asString() : null;
			if (!message.isObject() || type == null || !CLIENT_TYPES.contains(type)) {
				return false;
			}
			boolean needsId = "subscribe".equals(type) || "complete".equals(type);
			if (needsId && !(message.path("id").isString() && !message.path("id").asString().isEmpty())) {
				return false;
			}
			return "subscribe".equals(type) ? isSubscribePayload(message.path("payload"))
					: isAbsentOrNull(message.path("payload")) || message.path("payload").isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * A subscribe payload as the protocol defines it: an object with a string
	 * {@code query}, and optionally a string {@code operationName} and object
	 * {@code variables} and {@code extensions}. Spring GraphQL (2.0.6) fails on a missing
	 * payload or a non-string query with an exception that ends the connection without a
	 * close code (1005).
	 */
	private static boolean isSubscribePayload(JsonNode payload) {
		return payload.isObject() && payload.path("query").isString()
				&& (isAbsentOrNull(payload.path("operationName")) || payload.path("operationName").isString())
				&& (isAbsentOrNull(payload.path("variables")) || payload.path("variables").isObject())
				&& (isAbsentOrNull(payload.path("extensions")) || payload.path("extensions").isObject());
	}

	private static boolean isAbsentOrNull(JsonNode node) {
		return node.isMissingNode() || node.isNull();
	}

	/** The session with its incoming frames checked; everything else passes through. */
	private record GuardedSession(WebSocketSession session, Runnable onInit) implements WebSocketSession {

		// handle(), not concatMap(): Reactor Netty frees a frame's buffer as soon as the
		// callback that received it returns, so a message must be checked and handed on
		// within that callback, never queued. (A queued one was later read from freed
		// memory: empty, or bytes of another frame.)
		@Override
		public Flux<WebSocketMessage> receive() {
			return this.session.receive().handle((message, sink) -> {
				if (message.getType() != WebSocketMessage.Type.TEXT) {
					sink.next(message);
					return;
				}
				String text = message.getPayloadAsText();
				if (isClientMessage(text)) {
					if (text.contains("\"connection_init\"")) {
						this.onInit.run();
					}
					sink.next(message);
					return;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Closing WebSocket connection " + getId() + " with 4400; the message (" + text.length()
							+ " chars) begins " + text.substring(0, Math.min(200, text.length())));
				}
				this.session.close(INVALID_MESSAGE).subscribe();
			});
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public HandshakeInfo getHandshakeInfo() {
			return this.session.getHandshakeInfo();
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return this.session.bufferFactory();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.session.getAttributes();
		}

		@Override
		public Mono<Void> send(org.reactivestreams.Publisher<WebSocketMessage> messages) {
			return this.session.send(messages);
		}

		@Override
		public boolean isOpen() {
			return this.session.isOpen();
		}

		@Override
		public Mono<Void> close(CloseStatus status) {
			return this.session.close(status);
		}

		@Override
		public Mono<CloseStatus> closeStatus() {
			return this.session.closeStatus();
		}

		@Override
		public WebSocketMessage textMessage(String payload) {
			return this.session.textMessage(payload);
		}

		@Override
		public WebSocketMessage binaryMessage(
				Function<DataBufferFactory, org.springframework.core.io.buffer.DataBuffer> payloadFactory) {
			return this.session.binaryMessage(payloadFactory);
		}

		@Override
		public WebSocketMessage pingMessage(
				Function<DataBufferFactory, org.springframework.core.io.buffer.DataBuffer> payloadFactory) {
			return this.session.pingMessage(payloadFactory);
		}

		@Override
		public WebSocketMessage pongMessage(
				Function<DataBufferFactory, org.springframework.core.io.buffer.DataBuffer> payloadFactory) {
			return this.session.pongMessage(payloadFactory);
		}

	}

}
