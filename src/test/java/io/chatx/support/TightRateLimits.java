package io.chatx.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * With {@link IntegrationTest}: sending, changing messages and room password attempts
 * allowed three times per hour, for the tests of those limits. Every class with it shares
 * one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "chatx.rate-limits.send-per-user.capacity=3",
		"chatx.rate-limits.send-per-user.refill=1", "chatx.rate-limits.send-per-user.period=1h",
		"chatx.rate-limits.room-password-per-user.capacity=3", "chatx.rate-limits.room-password-per-user.refill=1",
		"chatx.rate-limits.room-password-per-user.period=1h", "chatx.rate-limits.change-per-user.capacity=3",
		"chatx.rate-limits.change-per-user.refill=1", "chatx.rate-limits.change-per-user.period=1h" })
public @interface TightRateLimits {

}
