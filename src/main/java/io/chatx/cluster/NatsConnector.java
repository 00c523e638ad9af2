package io.chatx.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;

import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.MessageHandler;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Keeps this instance connected to NATS. It connects in the background, so an instance
 * starts (and serves its own clients) while NATS is away; jnats reconnects a lost
 * connection, and a connection jnats gave up on is replaced. One dispatcher takes every
 * ChatX subject: one thread, so events arrive in the order they were sent.
 */
final class NatsConnector {

	private static final Log logger = LogFactory.getLog(NatsConnector.class);

	private static final Duration CLOSE_FLUSH = Duration.ofSeconds(2);

	private final NatsProperties properties;

	private final NatsLink link;

	private final MessageHandler inbox;

	private final NatsEvents events;

	private final Options options;

	private volatile boolean running;

	private volatile @Nullable Disposable connecting;

	NatsConnector(NatsProperties properties, String name, NatsLink link, MessageHandler inbox,
			List<LinkListener> listeners, MeterRegistry meters) {
		this.properties = properties;
		this.link = link;
		this.inbox = inbox;
		this.events = new NatsEvents(link, listeners, this::replace, meters);
		this.options = NatsOptions.of(properties, name, this.events, new NatsErrors(link));
	}

	synchronized void start() {
		this.running = true;
		connect();
	}

	/** Close the connection after sending what waits; no reconnecting from here on. */
	synchronized void stop() {
		this.running = false;
		Disposable connecting = this.connecting;
		if (connecting != null) {
			connecting.dispose();
		}
		Connection connection = this.link.connection();
		if (connection != null && this.link.detach(connection)) {
			close(connection);
		}
	}

	private void connect() {
		this.connecting = Mono.fromCallable(this::open)
			.subscribeOn(Schedulers.boundedElastic())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.properties.reconnectWait())
				.maxBackoff(this.properties.reconnectWaitMax())
				.filter((ex) -> this.running)
				.doBeforeRetry((signal) -> {
					String message = "Cannot reach NATS at " + NatsEvents.redacted(this.properties.url()) + " ("
							+ signal.failure().getMessage() + "); trying again in the background";
					if (signal.totalRetries() == 0) {
						logger.warn(message);
					}
					else {
						logger.debug(message);
					}
				}))
			.subscribe(this.events::connected, (ex) -> logger.debug("Stopped connecting to NATS", ex));
	}

	private Connection open() throws Exception {
		Connection connection = Nats.connect(this.options);
		synchronized (this) {
			if (!this.running) {
				close(connection);
				throw new CancellationException("ChatX is stopping");
			}
			Dispatcher dispatcher = connection.createDispatcher(this.inbox);
			Subjects.SUBSCRIBED.forEach(dispatcher::subscribe);
			this.link.attach(connection);
		}
		return connection;
	}

	// jnats gives up on a server that refuses the credentials twice; ChatX never does.
	private synchronized void replace(Connection closed) {
		if (this.running && this.link.detach(closed)) {
			logger.warn("The NATS connection was closed; connecting again");
			connect();
		}
	}

	private static void close(Connection connection) {
		if (connection.getStatus() == Connection.Status.CONNECTED) {
			try {
				connection.flush(CLOSE_FLUSH);
			}
			catch (Exception ex) {
				logger.debug("Could not flush the NATS connection before closing it", ex);
			}
		}
		try {
			connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
