package io.chatx.live;

import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/**
 * Caps the size of WebSocket frames (Reactor Netty closes the connection on a bigger one).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	@Bean
	WebFluxConfigurer webSocketLimits(WebSocketProperties properties) {
		WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength((int) properties.maxFrameSize().toBytes());
		return new WebFluxConfigurer() {
			@Override
			public WebSocketService getWebSocketService() {
				return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(spec));
			}
		};
	}

}
