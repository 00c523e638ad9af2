package io.chatx.cluster;

import io.chatx.system.LifecyclePhases;

import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the cluster's parts in the one order that works. Starting: connect
 * first (in the background), then announce and check. Stopping, after the web server has
 * finished its requests, so that what they committed still goes out: stop checking, say
 * goodbye, and only then close the connection the goodbye needs.
 */
final class ClusterLifecycle implements SmartLifecycle {

	private final NatsConnector connector;

	private final PresenceAnnouncer presence;

	private final TailChecker tails;

	private volatile boolean running;

	ClusterLifecycle(NatsConnector connector, PresenceAnnouncer presence, TailChecker tails) {
		this.connector = connector;
		this.presence = presence;
		this.tails = tails;
	}

	@Override
	public void start() {
		this.running = true;
		this.connector.start();
		this.presence.start();
		this.tails.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.tails.stop();
		this.presence.stop();
		this.connector.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.CLUSTER;
	}

}
