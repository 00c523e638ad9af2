package io.chatx.system;

import org.springframework.context.SmartLifecycle;

/**
 * The phases of ChatX's {@link SmartLifecycle} beans beside Spring Boot's web server.
 * Spring starts phases from low to high and stops them from high to low, so at shutdown:
 * <ol>
 * <li>{@link #LIVE_SHUTDOWN}: live subscriptions complete and WebSocket connections close
 * (1001), so clients move to another instance while requests are still served;</li>
 * <li>Boot's graceful shutdown ({@code WebServerGracefulShutdownLifecycle}, default phase
 * minus 1024) lets running HTTP requests finish;</li>
 * <li>Boot stops the web server (default phase minus 2048);</li>
 * <li>{@link #CLUSTER}: only then NATS stops (tail checks, goodbye, connection), so what
 * the last requests committed still reaches the other instances.</li>
 * </ol>
 * At start-up the order is reversed: NATS connects before the server takes requests.
 */
public final class LifecyclePhases {

	/**
	 * {@code websocket.LiveShutdown}: stops first, before the web server's graceful
	 * shutdown.
	 */
	public static final int LIVE_SHUTDOWN = SmartLifecycle.DEFAULT_PHASE;

	/** {@code cluster.ClusterLifecycle}: stops after the web server. */
	public static final int CLUSTER = SmartLifecycle.DEFAULT_PHASE - 8192;

	private LifecyclePhases() {
	}

}
