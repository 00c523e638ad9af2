package io.chatx.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The current NATS connection as the rest of ChatX uses it. Sending never blocks and
 * never throws: what cannot be sent is counted and dropped, since the database is the log
 * and the hubs find lost messages there.
 */
final class NatsLink {

	private static final Log logger = LogFactory.getLog(NatsLink.class);

	// NATS servers accept 1 MB per message unless configured otherwise.
	private static final long DEFAULT_MAX_PAYLOAD = 1024 * 1024;

	private final ClusterCodec codec;

	private volatile @Nullable Connection connection;

	private final Counter published;

	private final Counter dropped;

	NatsLink(ClusterCodec codec, MeterRegistry meters) {
		this.codec = codec;
		Gauge.builder("chatx.nats.connected", this, (link) -> link.isConnected() ? 1 : 0)
			.description("1 while this instance is connected to NATS, else 0")
			.register(meters);
		this.published = Counter.builder("chatx.nats.published")
			.description("Messages handed to NATS (sent, or buffered while reconnecting)")
			.register(meters);
		this.dropped = Counter.builder("chatx.nats.dropped")
			.description(
					"Messages to other instances that could not be sent; the receivers read them from the database")
			.register(meters);
	}

	synchronized void attach(Connection connection) {
		this.connection = connection;
	}

	/** Forget the connection if it is still {@code connection}; true when it was. */
	synchronized boolean detach(Connection connection) {
		if (this.connection != connection) {
			return false;
		}
		this.connection = null;
		return true;
	}

	@Nullable Connection connection() {
		return this.connection;
	}

	boolean isConnected() {
		Connection current = this.connection;
		return current != null && current.getStatus() == Connection.Status.CONNECTED;
	}

	/**
	 * The state of the connection: CONNECTED, RECONNECTING, ..., or CONNECTING before the
	 * first.
	 */
	String status() {
		Connection current = this.connection;
		return (current != null) ? current.getStatus().name() : Connection.Status.CONNECTING.name();
	}

	/** The largest message the server takes. */
	long maxPayload() {
		Connection current = this.connection;
		long max = (current != null) ? current.getMaxPayload() : 0;
		return (max > 0) ? max : DEFAULT_MAX_PAYLOAD;
	}

	/** Send {@code event} to the other instances, in an envelope. */
	void send(String subject, Object event) {
		byte[] data;
		try {
			data = this.codec.encode(event);
		}
		catch (RuntimeException ex) {
			dropped();
			logger.error("Could not encode " + event.getClass().getSimpleName() + " for the other instances", ex);
			return;
		}
		publish(subject, data);
	}

	private void publish(String subject, byte[] data) {
		Connection current = this.connection;
		if (current == null) {
			dropped();
			return;
		}
		try {
			current.publish(subject, data);
			this.published.increment();
		}
		catch (RuntimeException ex) {
			// Closed, or the reconnect buffer is full.
			dropped();
			logger.debug("Dropped a message to " + subject + ": " + ex.getMessage());
		}
	}

	void dropped() {
		this.dropped.increment();
	}

}
