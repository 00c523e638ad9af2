package io.chatx.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * With {@link IntegrationTest}: small caps on connections, room creation (direct rooms
 * too) and response size, and short HTTP timeouts, for the tests of those limits. Every
 * class with it shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "chatx.rate-limits.create-room-per-user.capacity=3",
		"chatx.rate-limits.create-room-per-user.refill=3", "chatx.rate-limits.create-room-per-user.period=1h",
		"chatx.rate-limits.open-direct-room-per-user.capacity=3",
		"chatx.rate-limits.open-direct-room-per-user.refill=3", "chatx.rate-limits.open-direct-room-per-user.period=1h",
		"chatx.websocket.max-unauthenticated-per-address=3", "server.netty.idle-timeout=1s",
		"chatx.graphql.max-response-size=64KB" })
public @interface TightServerLimits {

}
