package io.chatx.live;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/**
 * Caps the size of WebSocket frames (Reactor Netty closes the connection on a bigger one)
 * and guards Spring GraphQL's handler against frames that are not JSON
 * ({@link JsonFrameGuard}); connections keep a light copy of their handshake
 * ({@link LightHandshakeUpgradeStrategy}).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	@Bean
	OpenSessions openSessions() {
		return new OpenSessions();
	}

	@Bean
	WebFluxConfigurer webSocketLimits(WebSocketProperties properties, OpenSessions openSessions) {
		WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength((int) properties.maxFrameSize().toBytes());
		return new WebFluxConfigurer() {
			@Override
			public WebSocketService getWebSocketService() {
				return new HandshakeWebSocketService(new LightHandshakeUpgradeStrategy(spec)) {
					@Override
					public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
						return super.handleRequest(exchange, new JsonFrameGuard(handler, openSessions));
					}
				};
			}
		};
	}

}
