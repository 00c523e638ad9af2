package io.chatx.cluster;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * jnats' errors in ChatX's log; messages it had to discard are counted as dropped.
 */
final class NatsErrors implements ErrorListener {

	private static final Log logger = LogFactory.getLog(NatsErrors.class);

	private final NatsLink link;

	NatsErrors(NatsLink link) {
		this.link = link;
	}

	@Override
	public void errorOccurred(Connection connection, String error) {
		logger.warn("NATS server error: " + error);
	}

	@Override
	public void exceptionOccurred(Connection connection, Exception exception) {
		// Every failed reconnect attempt lands here; the connection events say it once.
		logger.debug("NATS client exception", exception);
	}

	@Override
	public void slowConsumerDetected(Connection connection, Consumer consumer) {
		logger
			.warn("This instance reads NATS too slowly: messages were dropped (the hubs read them from the database)");
	}

	@Override
	public void messageDiscarded(Connection connection, Message message) {
		this.link.dropped();
	}

}
