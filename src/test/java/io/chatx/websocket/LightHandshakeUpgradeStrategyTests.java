package io.chatx.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.util.context.Context;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class LightHandshakeUpgradeStrategyTests {

	@Test
	void keepsOriginAndUserAgentAndEverythingButOtherHeadersAndCookies() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.ORIGIN, "https://chat.example");
		headers.add(HttpHeaders.USER_AGENT, "Mozilla/5.0");
		headers.add(HttpHeaders.COOKIE, "session=abc");
		headers.add(HttpHeaders.ACCEPT_LANGUAGE, "en");
		headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
		cookies.add("session", new HttpCookie("session", "abc"));
		InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 50000);
		HandshakeInfo full = new HandshakeInfo(URI.create("ws://localhost/graphql"), headers, cookies, Mono.empty(),
				"graphql-transport-ws", remote, Map.of("kept", true), "[1a2b] ");

		HandshakeInfo light = LightHandshakeUpgradeStrategy.light(full, (uri) -> uri);

		assertThat(light.getHeaders().headerNames()).containsExactlyInAnyOrder(HttpHeaders.ORIGIN,
				HttpHeaders.USER_AGENT);
		assertThat(light.getHeaders().getOrigin()).isEqualTo("https://chat.example");
		assertThat(light.getCookies()).isEmpty();
		assertThat(light.getUri()).isEqualTo(full.getUri());
		assertThat(light.getSubProtocol()).isEqualTo("graphql-transport-ws");
		assertThat(light.getRemoteAddress()).isEqualTo(remote);
		assertThat(light.getAttributes()).containsEntry("kept", true);
		assertThat(light.getLogPrefix()).isEqualTo("[1a2b] ");
	}

	@Test
	void forgetsTheHandshakeHeadersBeforeTheConnectionsHandlerRuns() {
		io.netty.handler.codec.http.HttpHeaders request = new io.netty.handler.codec.http.DefaultHttpHeaders()
			.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.add("Cookie", "session=abc");
		io.netty.handler.codec.http.HttpHeaders response = new io.netty.handler.codec.http.DefaultHttpHeaders()
			.add("X-Frame-Options", "DENY");
		java.util.List<Integer> seen = new java.util.ArrayList<>();
		WebSocketHandler handler = (session) -> {
			seen.add(request.size() + response.size());
			return Mono.empty();
		};

		new LightHandshakeUpgradeStrategy.HeaderForgetting(handler, java.util.List.of(request, response)).handle(null)
			.block();

		assertThat(seen).containsExactly(0);
	}

	@Test
	void theConnectionDoesNotInheritTheUpgradeRequestsContext() {
		AtomicReference<@Nullable Boolean> handlerSawRequest = new AtomicReference<>();
		CountDownLatch requestOver = new CountDownLatch(1);
		// Says hello, then answers one message.
		WebSocketHandler handler = (session) -> Mono.deferContextual((context) -> {
			handlerSawRequest.set(context.hasKey(ServerWebExchange.class));
			return session.send(Flux.concat(Mono.just(session.textMessage("hello")),
					session.receive().take(1).map((message) -> session.textMessage("still here"))));
		});
		HandshakeWebSocketService service = new HandshakeWebSocketService(
				new LightHandshakeUpgradeStrategy(WebsocketServerSpec::builder));
		HttpHandler http = WebHttpHandlerBuilder.webHandler((exchange) -> service.handleRequest(exchange, handler))
			// What a web filter puts in the request's context (Spring Security, for one).
			.filter((exchange, chain) -> chain.filter(exchange)
				.doFinally((signal) -> requestOver.countDown())
				.contextWrite(Context.of(ServerWebExchange.class, exchange)))
			.build();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(http))
			.bindNow();
		try {
			AtomicBoolean requestOverAfterHello = new AtomicBoolean();
			List<String> received = new CopyOnWriteArrayList<>();
			new ReactorNettyWebSocketClient().execute(URI.create("ws://127.0.0.1:" + server.port() + "/graphql"),
					(session) -> session.receive()
						.map(WebSocketMessage::getPayloadAsText)
						.take(2)
						.doOnNext(received::add)
						.filter("hello"::equals)
						.concatMap((hello) -> {
							requestOverAfterHello.set(await(requestOver));
							return session.send(Mono.just(session.textMessage("are you there?")));
						})
						.then())
				.block(Duration.ofSeconds(10));

			assertThat(handlerSawRequest.get()).isFalse();
			// The request ended with its handshake; the connection went on.
			assertThat(requestOverAfterHello).isTrue();
			assertThat(received).containsExactly("hello", "still here");
		}
		finally {
			server.disposeNow();
		}
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Test
	void connectionsToOneAddressShareOneUri() {
		LightHandshakeUpgradeStrategy strategy = new LightHandshakeUpgradeStrategy(
				reactor.netty.http.server.WebsocketServerSpec::builder);
		URI first = strategy.shared(URI.create("ws://localhost:8080/graphql"));

		assertThat(strategy.shared(URI.create("ws://localhost:8080/graphql"))).isSameAs(first);
		assertThat(strategy.shared(URI.create("ws://127.0.0.1:8080/graphql"))).isNotSameAs(first);
	}

}
