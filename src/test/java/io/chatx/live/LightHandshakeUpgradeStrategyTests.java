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

		HandshakeInfo light = LightHandshakeUpgradeStrategy.light(full);

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

}
