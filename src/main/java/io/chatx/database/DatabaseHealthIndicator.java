package io.chatx.database;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import io.chatx.system.ThrottledLog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's health, {@code r2dbc} in readiness, in place of Boot's check: it gives
 * up after {@link #TIMEOUT}, so that health answers DOWN at once when PostgreSQL hangs (a
 * frozen server, or a pool that cannot hand out a connection) instead of hanging with it;
 * and a failing check is logged in one line a minute, not a stack trace per probe.
 */
@Component("r2dbcHealthIndicator")
class DatabaseHealthIndicator implements ReactiveHealthIndicator {

	// Well within the 2 s a probe may wait (Docker's health check waits 3 s).
	static final Duration TIMEOUT = Duration.ofMillis(1500);

	private static final ThrottledLog failures = new ThrottledLog(LogFactory.getLog(DatabaseHealthIndicator.class),
			Duration.ofMinutes(1));

	private final ConnectionFactory connectionFactory;

	DatabaseHealthIndicator(ConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	@Override
	public Mono<Health> health() {
		return Mono
			.usingWhen(this.connectionFactory.create(),
					(connection) -> Mono.from(connection.validate(ValidationDepth.REMOTE)), Connection::close)
			.timeout(TIMEOUT)
			.map((valid) -> (valid ? Health.up() : Health.down().withDetail("error", "the connection is not valid"))
				.withDetail("database", "PostgreSQL")
				.build())
			.onErrorResume((ex) -> {
				String error = (ex instanceof TimeoutException) ? "no answer within " + TIMEOUT.toMillis() + " ms"
						: ex.getClass().getName() + ": " + ex.getMessage();
				failures.warn("Database health check failed", ex);
				return Mono.just(Health.down().withDetail("database", "PostgreSQL").withDetail("error", error).build());
			});
	}

}
