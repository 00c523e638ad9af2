package io.chatx.websocket;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.util.context.Context;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reactor Netty's upgrade, keeping less for a connection's whole life (several KB per
 * connection): ChatX signs connections in at {@code connection_init} and reads no
 * handshake header afterwards. The {@link HandshakeInfo} keeps only {@code Origin} and
 * {@code User-Agent}, and connections to one address share one {@link URI}; Reactor
 * Netty's header copies are emptied once the handshake is answered; the connection does
 * not inherit the upgrade request's Reactor context.
 */
final class LightHandshakeUpgradeStrategy extends ReactorNettyRequestUpgradeStrategy {

	private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ORIGIN, HttpHeaders.USER_AGENT);

	LightHandshakeUpgradeStrategy(Supplier<WebsocketServerSpec.Builder> spec) {
		super(spec);
	}

	// Few distinct addresses reach one server (its names and ports); bounded anyway.
	private static final int MAX_SHARED_URIS = 64;

	private final Map<URI, URI> sharedUris = new ConcurrentHashMap<>();

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		// The same header objects stay with the upgraded connection in Reactor Netty.
		HttpServerRequest request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		HttpServerResponse response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
		return super.upgrade(exchange,
				new HeaderForgetting(handler, List.of(request.requestHeaders(), response.responseHeaders())),
				subProtocol, () -> light(handshakeInfoFactory.get(), this::shared))
			// The connection's handler starts from an empty context, not the request's.
			.contextWrite((requestContext) -> Context.empty());
	}

	URI shared(URI uri) {
		URI known = this.sharedUris.get(uri);
		if (known != null) {
			return known;
		}
		if (this.sharedUris.size() < MAX_SHARED_URIS) {
			known = this.sharedUris.putIfAbsent(uri, uri);
		}
		return (known != null) ? known : uri;
	}

	static HandshakeInfo light(HandshakeInfo full, UnaryOperator<URI> uris) {
		HttpHeaders headers = new HttpHeaders();
		for (String name : KEPT_HEADERS) {
			List<String> values = full.getHeaders().get(name);
			if (values != null) {
				headers.put(name, values);
			}
		}
		return new HandshakeInfo(uris.apply(full.getUri()), headers,
				CollectionUtils.toMultiValueMap(Collections.emptyMap()), full.getPrincipal(), full.getSubProtocol(),
				full.getRemoteAddress(), full.getAttributes(), full.getLogPrefix());
	}

	/**
	 * Empties Reactor Netty's copies of the handshake's request and response headers
	 * before the connection's handler runs: by then the 101 answer has been written.
	 */
	record HeaderForgetting(WebSocketHandler handler,
			List<io.netty.handler.codec.http.HttpHeaders> handshakeHeaders) implements WebSocketHandler {

		@Override
		public List<String> getSubProtocols() {
			return this.handler.getSubProtocols();
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			this.handshakeHeaders.forEach(io.netty.handler.codec.http.HttpHeaders::clear);
			return this.handler.handle(session);
		}

	}

}
