package io.chatx.live;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.chatx.message.MessageStoredEvent;
import io.chatx.room.RoomChangeEvents.MemberJoinedEvent;
import io.chatx.room.RoomChangeEvents.MemberLeftEvent;
import io.chatx.room.RoomChangeEvents.RoomCreatedEvent;
import io.chatx.room.RoomChangeEvents.RoomDeletedEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns committed changes into live events for this instance's subscribers, then passes
 * them on to the other instances.
 */
@Component
class LiveEvents {

	private final RoomHub rooms;

	private final RoomListHub roomList;

	private final ClusterPublisher cluster;

	LiveEvents(RoomHub rooms, RoomListHub roomList, ObjectProvider<ClusterPublisher> cluster) {
		this.rooms = rooms;
		this.roomList = roomList;
		this.cluster = cluster.getIfAvailable(() -> ClusterPublisher.NONE);
	}

	@EventListener
	void on(MessageStoredEvent event) {
		toRoom(event.message().roomId(), MessagePosted.of(event.message()));
	}

	@EventListener
	void on(MemberJoinedEvent event) {
		toRoom(event.roomId(), new MemberJoined(event.roomId(), event.user(), now()));
	}

	@EventListener
	void on(MemberLeftEvent event) {
		toRoom(event.roomId(), new MemberLeft(event.roomId(), event.user(), now()));
	}

	@EventListener
	void on(RoomCreatedEvent event) {
		toRoomList(new RoomCreated(event.room()));
	}

	@EventListener
	void on(RoomDeletedEvent event) {
		RoomDeleted deleted = new RoomDeleted(event.roomId(), now());
		this.rooms.publishFinal(event.roomId(), deleted);
		this.cluster.roomEvent(event.roomId(), deleted);
		toRoomList(deleted);
	}

	private void toRoom(UUID roomId, Object event) {
		this.rooms.publish(roomId, event);
		this.cluster.roomEvent(roomId, event);
	}

	private void toRoomList(Object event) {
		this.roomList.publish(event);
		this.cluster.roomListEvent(event);
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
