package io.chatx.websocket;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the GraphQL WebSocket endpoint (timeouts and pings are Spring GraphQL's
 * {@code spring.graphql.websocket.*}, allowed origins {@code spring.graphql.cors.*}).
 *
 * @param maxFrameSize largest WebSocket frame accepted; a bigger one closes the
 * connection (1009)
 * @param maxOperations most operations (subscriptions and requests) one connection may
 * have running at once
 * @param maxUnauthenticatedPerAddress most connections one client address may have open
 * that have not sent {@code connection_init} yet; more are refused (HTTP 429)
 */
@ConfigurationProperties("chatx.websocket")
public record WebSocketProperties(@DefaultValue("64KB") DataSize maxFrameSize, @DefaultValue("100") int maxOperations,
		@DefaultValue("20") int maxUnauthenticatedPerAddress) {

}
