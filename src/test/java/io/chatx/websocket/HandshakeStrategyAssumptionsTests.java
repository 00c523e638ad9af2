package io.chatx.websocket;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.util.context.Context;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link LightHandshakeUpgradeStrategy} works around in Spring WebFlux (7.0) and
 * Reactor Netty (1.3), checked over a real Reactor Netty server: with their own strategy
 * a connection's handler runs in the upgrade request's Reactor context, Spring copies
 * every handshake header into the session's {@code HandshakeInfo}, and Reactor Netty
 * keeps the handshake's request headers for the connection. The light strategy must drop
 * all three. When a test of the plain strategy fails, upstream stopped keeping that part,
 * and the light strategy's step for it can go.
 */
class HandshakeStrategyAssumptionsTests {

	@Test
	void reactorNettysOwnUpgradeKeepsTheRequestsContextAndHeadersForTheConnection() {
		Seen seen = connect(new ReactorNettyRequestUpgradeStrategy(WebsocketServerSpec::builder));

		assertThat(seen.requestContext()).isTrue();
		assertThat(seen.cookieInHandshakeInfo()).isTrue();
		assertThat(seen.cookieInReactorNettysHeaders()).isTrue();
	}

	@Test
	void theLightUpgradeKeepsNoneOfThem() {
		Seen seen = connect(new LightHandshakeUpgradeStrategy(WebsocketServerSpec::builder));

		assertThat(seen.requestContext()).isFalse();
		assertThat(seen.cookieInHandshakeInfo()).isFalse();
		assertThat(seen.cookieInReactorNettysHeaders()).isFalse();
	}

	// Why WebSocketConfiguration refuses such a handshake itself (400): Spring accepts
	// it,
	// and Spring GraphQL then serves a client that may not speak its protocol.
	@Test
	void springUpgradesAHandshakeThatAsksForNoSubprotocol() {
		Seen seen = connect(new ReactorNettyRequestUpgradeStrategy(WebsocketServerSpec::builder));

		assertThat(seen.subProtocol()).isNull();
	}

	/**
	 * What the connection's handler sees, connected through this upgrade strategy by a
	 * client that sends a cookie and asks for no subprotocol.
	 */
	private static Seen connect(RequestUpgradeStrategy strategy) {
		AtomicReference<@Nullable Seen> seen = new AtomicReference<>();
		WebSocketHandler handler = new WebSocketHandler() {

			// As Spring GraphQL's handler declares them.
			@Override
			public List<String> getSubProtocols() {
				return List.of("graphql-transport-ws", "graphql-ws");
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				return Mono.deferContextual((context) -> {
					seen.set(new Seen(context.hasKey(ServerWebExchange.class),
							session.getHandshakeInfo().getHeaders().getFirst(HttpHeaders.COOKIE) != null,
							reactorNettysHeaders(session).contains(HttpHeaders.COOKIE),
							session.getHandshakeInfo().getSubProtocol()));
					return session.close();
				});
			}

		};
		HandshakeWebSocketService service = new HandshakeWebSocketService(strategy);
		HttpHandler http = WebHttpHandlerBuilder.webHandler((exchange) -> service.handleRequest(exchange, handler))
			// What a web filter puts in the request's context (Spring Security, for one).
			.filter((exchange, chain) -> chain.filter(exchange)
				.contextWrite(Context.of(ServerWebExchange.class, exchange)))
			.build();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(http))
			.bindNow();
		try {
			HttpHeaders headers = new HttpHeaders();
			headers.add(HttpHeaders.COOKIE, "session=abc");
			new ReactorNettyWebSocketClient()
				.execute(URI.create("ws://127.0.0.1:" + server.port() + "/graphql"), headers,
						(session) -> session.receive().then())
				.block(Duration.ofSeconds(10));
		}
		finally {
			server.disposeNow();
		}
		assertThat(seen.get()).as("the connection's handler ran").isNotNull();
		return seen.get();
	}

	// Reactor Netty's copy, as its inbound side exposes it (Spring keeps that
	// side to itself: read through its protected accessor).
	private static io.netty.handler.codec.http.HttpHeaders reactorNettysHeaders(WebSocketSession session) {
		try {
			Method delegate = AbstractWebSocketSession.class.getDeclaredMethod("getDelegate");
			delegate.setAccessible(true);
			return ((ReactorNettyWebSocketSession.WebSocketConnection) delegate.invoke(session)).getInbound().headers();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Seen(boolean requestContext, boolean cookieInHandshakeInfo, boolean cookieInReactorNettysHeaders,
			@Nullable String subProtocol) {
	}

}
