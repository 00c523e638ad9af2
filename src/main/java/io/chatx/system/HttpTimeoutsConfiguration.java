package io.chatx.system;

import java.time.Duration;

import reactor.netty.NettyPipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a client may take to send a request head
 * ({@code chatx.http.request-read-timeout}, {@link RequestHeadTimeout}). A connection
 * that sends nothing at all is closed earlier by {@code server.netty.idle-timeout}.
 * Reactor Netty's own request timeout is not used: it also ends WebSocket connections
 * (their upgrade request never completes), and bodies are small (256 KB at most).
 */
@Configuration(proxyBeanMethods = false)
class HttpTimeoutsConfiguration {

	@Bean
	NettyServerCustomizer requestReadTimeout(@Value("${chatx.http.request-read-timeout:20s}") Duration timeout) {
		return (server) -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, "chatx.requestHeadTimeout", new RequestHeadTimeout(timeout));
			}
		});
	}

}
