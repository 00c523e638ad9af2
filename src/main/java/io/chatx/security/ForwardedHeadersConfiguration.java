package io.chatx.security;

import java.net.InetSocketAddress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * Forwarded headers are believed only from {@link TrustedProxies}, whichever
 * {@code server.forward-headers-strategy} turned them on: {@code native} (Reactor Netty)
 * or {@code framework} (Spring's {@link ForwardedHeaderTransformer}).
 */
@Configuration(proxyBeanMethods = false)
class ForwardedHeadersConfiguration {

	/** Replaces Reactor Netty's handler, which believes every peer. */
	@Bean
	NettyServerCustomizer trustedForwardedHeaders(TrustedProxies trustedProxies) {
		return (server) -> server.configuration().isForwarded()
				? server.forwarded(new TrustedForwardedHeaderHandler(trustedProxies)) : server;
	}

	/** In place of Boot's transformer: from other peers the headers are only removed. */
	@Bean
	@ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
	ForwardedHeaderTransformer forwardedHeaderTransformer(TrustedProxies trustedProxies) {
		ForwardedHeaderTransformer removeOnly = new ForwardedHeaderTransformer();
		removeOnly.setRemoveOnly(true);
		return new ForwardedHeaderTransformer() {
			@Override
			public ServerHttpRequest apply(ServerHttpRequest request) {
				InetSocketAddress peer = request.getRemoteAddress();
				return trustedProxies.trusts(peer) ? super.apply(request) : removeOnly.apply(request);
			}
		};
	}

}
