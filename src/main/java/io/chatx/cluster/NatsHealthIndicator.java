package io.chatx.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * NATS in the health endpoint: UP while connected, else DEGRADED, which is not DOWN (it
 * answers 200): the instance still serves its own clients, and messages from other
 * instances still arrive, late, from the database. Not part of readiness, so a load
 * balancer keeps sending clients while NATS is away.
 */
final class NatsHealthIndicator implements HealthIndicator {

	/** Working, with less than it should have. */
	static final Status DEGRADED = new Status("DEGRADED",
			"NATS is unreachable: events of other instances arrive late, read from the database");

	private final NatsLink link;

	NatsHealthIndicator(NatsLink link) {
		this.link = link;
	}

	@Override
	public Health health() {
		Health.Builder health = this.link.isConnected() ? Health.up() : Health.status(DEGRADED);
		return health.withDetail("connection", this.link.status()).build();
	}

}
