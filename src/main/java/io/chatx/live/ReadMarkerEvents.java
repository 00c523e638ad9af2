package io.chatx.live;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import reactor.core.scheduler.Schedulers;

import io.chatx.room.RoomChangeEvents.ReadMarkerMovedEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Read markers that moved become {@link ReadMarkerChanged} events of their room, here and
 * on the other instances, throttled per room and user ({@link ReadMarkerThrottle}). Only
 * members receive them ({@link MembersOnlyEvent}).
 */
@Component
class ReadMarkerEvents {

	static final Duration INTERVAL = Duration.ofSeconds(1);

	private final RoomHub rooms;

	private final ClusterPublisher cluster;

	private final ReadMarkerThrottle throttle;

	ReadMarkerEvents(RoomHub rooms, ObjectProvider<ClusterPublisher> cluster) {
		this.rooms = rooms;
		this.cluster = cluster.getIfAvailable(() -> ClusterPublisher.NONE);
		this.throttle = new ReadMarkerThrottle(INTERVAL, Schedulers.parallel(), this::publish);
	}

	@EventListener
	void on(ReadMarkerMovedEvent event) {
		this.throttle.offer(new ReadMarkerChanged(event.roomId(), event.user(), event.lastReadSeq(),
				OffsetDateTime.now(ZoneOffset.UTC)));
	}

	private void publish(ReadMarkerChanged event) {
		this.rooms.publish(event.roomId(), event);
		this.cluster.roomEvent(event.roomId(), event);
	}

}
