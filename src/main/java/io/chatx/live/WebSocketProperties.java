package io.chatx.live;

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
 */
@ConfigurationProperties("chatx.websocket")
public record WebSocketProperties(@DefaultValue("64KB") DataSize maxFrameSize, @DefaultValue("100") int maxOperations) {

}
