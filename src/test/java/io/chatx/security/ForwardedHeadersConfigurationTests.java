package io.chatx.security;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code server.forward-headers-strategy=framework}, Spring's transformer believes
 * forwarded headers only from trusted proxies, and removes them from other requests.
 */
class ForwardedHeadersConfigurationTests {

	private final ForwardedHeaderTransformer transformer = new ForwardedHeadersConfiguration()
		.forwardedHeaderTransformer(new TrustedProxies(List.of("127.0.0.1")));

	@Test
	void fromAnUntrustedPeerTheHeadersAreRemovedAndIgnored() {
		ServerHttpRequest request = this.transformer.apply(from("192.0.2.7"));
		assertThat(request.getRemoteAddress().getHostString()).isEqualTo("192.0.2.7");
		assertThat(request.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
		assertThat(request.getHeaders().containsHeader("Forwarded")).isFalse();
	}

	@Test
	void fromATrustedProxyTheHeadersNameTheClient() {
		ServerHttpRequest request = this.transformer.apply(from("127.0.0.1"));
		assertThat(request.getRemoteAddress().getHostString()).isEqualTo("10.1.2.3");
	}

	private static ServerHttpRequest from(String peer) {
		return MockServerHttpRequest.get("http://localhost/graphql")
			.remoteAddress(new InetSocketAddress(peer, 40000))
			.header("Forwarded", "for=10.1.2.3")
			.header("X-Forwarded-For", "10.1.2.3")
			.build();
	}

}
