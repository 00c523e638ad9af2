package io.chatx.cluster;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Options;

import org.springframework.util.StringUtils;

/**
 * The jnats options of ChatX: reconnect forever with a growing wait, never block a
 * publisher, and never echo an instance's own messages back to it.
 */
final class NatsOptions {

	private NatsOptions() {
	}

	static Options of(NatsProperties properties, String name, ConnectionListener connections, ErrorListener errors) {
		Options.Builder builder = new Options.Builder().servers(properties.url().trim().split("\\s*,\\s*"))
			.connectionName(name)
			.maxReconnects(-1)
			.reconnectDelayHandler((rounds) -> backoff(properties, rounds))
			.noEcho()
			// A full outgoing queue drops (and counts)
			// rather than blocking an event loop.
			.discardMessagesWhenOutgoingQueueFull()
			.connectionListener(connections)
			.errorListener(errors);
		if (StringUtils.hasText(properties.token())) {
			builder.token(properties.token().toCharArray());
		}
		if (StringUtils.hasText(properties.user())) {
			String password = (properties.password() != null) ? properties.password() : "";
			builder.userInfo(properties.user().toCharArray(), password.toCharArray());
		}
		if (properties.tls()) {
			try {
				builder.secure();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("TLS is not available in this JVM", ex);
			}
		}
		return builder.build();
	}

	/**
	 * The wait before the next round of attempts: doubling from the first wait up to the
	 * longest, with up to a tenth more at random so that instances do not reconnect in
	 * step.
	 */
	static Duration backoff(NatsProperties properties, long rounds) {
		long first = properties.reconnectWait().toMillis();
		long max = properties.reconnectWaitMax().toMillis();
		long wait = (rounds >= 20) ? max : Math.min(max, first << Math.max(0, rounds - 1));
		return Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(wait / 10 + 1));
	}

}
