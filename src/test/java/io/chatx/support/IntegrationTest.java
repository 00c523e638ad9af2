package io.chatx.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A ChatX on a random port against the shared test database, with rate limits wide enough
 * not to get in the way of tests that are not about them, and its clients
 * ({@link ChatxClient}, {@link ChatFixtures}) ready to autowire. Test classes with the
 * same extra properties share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"chatx.jwt.secret=" + TestSupport.JWT_SECRET, "chatx.rate-limits.login-per-address.capacity=100000",
		"chatx.rate-limits.login-per-name.capacity=100000", "chatx.rate-limits.login-per-account.capacity=100000",
		"chatx.rate-limits.register-per-address.capacity=100000", "chatx.rate-limits.send-per-user.capacity=100000",
		"chatx.rate-limits.send-per-user.refill=100000", "chatx.rate-limits.change-per-user.capacity=100000",
		"chatx.rate-limits.change-per-user.refill=100000", "chatx.rate-limits.create-room-per-user.capacity=100000",
		"logging.level.io.chatx.audit=warn" })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestClients.class)
public @interface IntegrationTest {

}
