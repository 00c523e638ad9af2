package io.chatx.live;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reactor Netty's upgrade with a lighter {@link HandshakeInfo}. Spring copies every
 * request header and cookie of the handshake into it, and a connection keeps the copy for
 * its whole life (about 2 KB from a lean client, more from a browser with cookies). ChatX
 * signs connections in at {@code connection_init} and reads no handshake header
 * afterwards; {@code Origin} and {@code User-Agent} stay, for interceptors that want to
 * log them.
 */
final class LightHandshakeUpgradeStrategy extends ReactorNettyRequestUpgradeStrategy {

	private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ORIGIN, HttpHeaders.USER_AGENT);

	LightHandshakeUpgradeStrategy(Supplier<WebsocketServerSpec.Builder> spec) {
		super(spec);
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		return super.upgrade(exchange, handler, subProtocol, () -> light(handshakeInfoFactory.get()));
	}

	static HandshakeInfo light(HandshakeInfo full) {
		HttpHeaders headers = new HttpHeaders();
		for (String name : KEPT_HEADERS) {
			List<String> values = full.getHeaders().get(name);
			if (values != null) {
				headers.put(name, values);
			}
		}
		return new HandshakeInfo(full.getUri(), headers, CollectionUtils.toMultiValueMap(Collections.emptyMap()),
				full.getPrincipal(), full.getSubProtocol(), full.getRemoteAddress(), full.getAttributes(),
				full.getLogPrefix());
	}

}
