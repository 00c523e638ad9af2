package io.chatx.cluster;

import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What happens to the NATS connection, in the log and the metrics; the
 * {@link LinkListener}s hear when it is back with its subscriptions in place.
 */
final class NatsEvents implements ConnectionListener {

	private static final Log logger = LogFactory.getLog(NatsEvents.class);

	private final NatsLink link;

	private final List<LinkListener> listeners;

	private final Consumer<Connection> closed;

	private final Counter reconnects;

	// Whether the attached connection's last word was that it is up: failed
	// attempts report DISCONNECTED again and again, but the loss is logged once.
	private volatile boolean up;

	NatsEvents(NatsLink link, List<LinkListener> listeners, Consumer<Connection> closed, MeterRegistry meters) {
		this.link = link;
		this.listeners = listeners;
		this.closed = closed;
		this.reconnects = Counter.builder("chatx.nats.reconnects")
			.description("Times this instance got its NATS connection back")
			.register(meters);
	}

	/** A new connection is attached and subscribed. */
	void connected(Connection connection) {
		this.up = true;
		logger.info("Connected to NATS at " + redacted(connection.getConnectedUrl()));
		this.listeners.forEach(LinkListener::linkUp);
	}

	@Override
	public void connectionEvent(Connection connection, Events event) {
		if (connection != this.link.connection()) {
			return; // a failed first attempt, or one that stop() closed
		}
		switch (event) {
			case DISCONNECTED -> {
				if (this.up) {
					this.up = false;
					logger.warn("Lost the connection to NATS; reconnecting. Local clients are served as before;"
							+ " events of other instances arrive late, read from the database.");
				}
			}
			case RECONNECTED -> {
				this.up = true;
				this.reconnects.increment();
				logger.info("Connected to NATS again at " + redacted(connection.getConnectedUrl()));
			}
			case RESUBSCRIBED -> this.listeners.forEach(LinkListener::linkUp);
			case CLOSED -> this.closed.accept(connection);
			default -> logger.debug("NATS connection event: " + event);
		}
	}

	/** {@code url} without the credentials it may hold. */
	static @Nullable String redacted(@Nullable String url) {
		return (url != null) ? url.replaceAll("//[^@/]*@", "//") : null;
	}

}
