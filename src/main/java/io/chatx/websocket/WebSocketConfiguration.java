package io.chatx.websocket;

import java.util.Arrays;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

import io.chatx.common.ErrorCode;
import io.chatx.graphql.ClientAddressInterceptor;
import io.chatx.graphql.JsonErrorResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/**
 * Caps the size of WebSocket frames (Reactor Netty closes the connection on a bigger one)
 * and guards Spring GraphQL's handler against frames that are not JSON
 * ({@link JsonFrameGuard}); connections keep a light copy of their handshake
 * ({@link LightHandshakeUpgradeStrategy}). Handshakes without the
 * {@code graphql-transport-ws} subprotocol are refused (400), and so are handshakes from
 * an address with too many connections that have not sent {@code connection_init} yet
 * (429, {@link UnauthenticatedConnections}).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

	private static final String GRAPHQL_TRANSPORT_WS = "graphql-transport-ws";

	private static final JsonErrorResponse NO_SUBPROTOCOL = new JsonErrorResponse(HttpStatus.BAD_REQUEST,
			ErrorCode.BAD_USER_INPUT, "Only the graphql-transport-ws subprotocol is spoken here.");

	private static final JsonErrorResponse TOO_MANY_UNAUTHENTICATED = new JsonErrorResponse(
			HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED,
			"Too many connections from this address have not sent connection_init yet.");

	@Bean
	OpenSessions openSessions() {
		return new OpenSessions();
	}

	@Bean
	UnauthenticatedConnections unauthenticatedConnections(WebSocketProperties properties) {
		return new UnauthenticatedConnections(properties.maxUnauthenticatedPerAddress());
	}

	@Bean
	WebFluxConfigurer webSocketLimits(WebSocketProperties properties, OpenSessions openSessions,
			UnauthenticatedConnections unauthenticated) {
		WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength((int) properties.maxFrameSize().toBytes());
		return new WebFluxConfigurer() {
			@Override
			public WebSocketService getWebSocketService() {
				return new HandshakeWebSocketService(new LightHandshakeUpgradeStrategy(spec)) {
					@Override
					public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
						HttpHeaders headers = exchange.getRequest().getHeaders();
						if (!"websocket".equalsIgnoreCase(headers.getUpgrade())) {
							// Not a handshake: Spring answers it with its own error.
							return super.handleRequest(exchange, handler);
						}
						// Without the subprotocol Spring GraphQL would accept the
						// connection and then never answer, time out or close it.
						if (!headers.getOrEmpty(SEC_WEBSOCKET_PROTOCOL)
							.stream()
							.flatMap((value) -> Arrays.stream(StringUtils.commaDelimitedListToStringArray(value)))
							.anyMatch((protocol) -> GRAPHQL_TRANSPORT_WS.equals(protocol.strip()))) {
							return NO_SUBPROTOCOL.writeTo(exchange.getResponse());
						}
						UnauthenticatedConnections.Place place = unauthenticated
							.tryOpen(ClientAddressInterceptor.addressOf(exchange.getRequest().getRemoteAddress()));
						if (place == null) {
							return TOO_MANY_UNAUTHENTICATED.writeTo(exchange.getResponse());
						}
						// Released at connection_init or when the connection ends, or
						// here when the handshake failed.
						return super.handleRequest(exchange, new JsonFrameGuard(handler, openSessions, place::release))
							.doOnError((ex) -> place.release())
							.doOnCancel(place::release);
					}
				};
			}
		};
	}

}
