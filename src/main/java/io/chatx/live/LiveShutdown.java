package io.chatx.live;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, completes every live subscription before the web server stops, so that
 * clients reconnect to another instance and resume from their last cursor.
 */
@Component
class LiveShutdown implements SmartLifecycle {

	private final RoomHub rooms;

	private final RoomListHub roomList;

	private volatile boolean running;

	LiveShutdown(RoomHub rooms, RoomListHub roomList) {
		this.rooms = rooms;
		this.roomList = roomList;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.rooms.completeAll();
		this.roomList.completeAll();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops before the web server's graceful shutdown begins.
		return Integer.MAX_VALUE;
	}

}
