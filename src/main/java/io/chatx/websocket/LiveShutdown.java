package io.chatx.websocket;

import java.time.Duration;

import reactor.core.publisher.Mono;

import io.chatx.live.RoomHub;
import io.chatx.live.RoomListHub;
import io.chatx.myevents.MyEventsHub;
import io.chatx.system.LifecyclePhases;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, completes every live subscription and then closes the WebSocket
 * connections (1001, going away) before the web server stops, so that clients reconnect
 * to another instance at once and resume from their last cursor.
 */
@Component
class LiveShutdown implements SmartLifecycle {

	private static final Duration FLUSH_GRACE = Duration.ofMillis(300);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final RoomHub rooms;

	private final RoomListHub roomList;

	private final MyEventsHub myEvents;

	private final OpenSessions sessions;

	private volatile boolean running;

	LiveShutdown(RoomHub rooms, RoomListHub roomList, MyEventsHub myEvents, OpenSessions sessions) {
		this.rooms = rooms;
		this.roomList = roomList;
		this.myEvents = myEvents;
		this.sessions = sessions;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.rooms.completeAll();
		this.roomList.completeAll();
		this.myEvents.completeAll();
		// A moment for the "complete" messages to go out ahead of the close frames.
		this.sessions.closeAll()
			.delaySubscription(FLUSH_GRACE)
			.timeout(CLOSE_TIMEOUT)
			.onErrorResume((ex) -> Mono.empty())
			.doFinally((signal) -> callback.run())
			.subscribe();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.LIVE_SHUTDOWN;
	}

}
