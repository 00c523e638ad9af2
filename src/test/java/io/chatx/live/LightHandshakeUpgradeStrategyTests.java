package io.chatx.live;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;

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
	void connectionsToOneAddressShareOneUri() {
		LightHandshakeUpgradeStrategy strategy = new LightHandshakeUpgradeStrategy(
				reactor.netty.http.server.WebsocketServerSpec::builder);
		URI first = strategy.shared(URI.create("ws://localhost:8080/graphql"));

		assertThat(strategy.shared(URI.create("ws://localhost:8080/graphql"))).isSameAs(first);
		assertThat(strategy.shared(URI.create("ws://127.0.0.1:8080/graphql"))).isNotSameAs(first);
	}

}
