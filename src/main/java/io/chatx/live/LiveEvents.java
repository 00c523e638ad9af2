package io.chatx.live;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.chatx.message.MessageStoredEvent;
import io.chatx.room.RoomChangeEvents.MemberJoinedEvent;
import io.chatx.room.RoomChangeEvents.MemberLeftEvent;
import io.chatx.room.RoomChangeEvents.RoomCreatedEvent;
import io.chatx.room.RoomChangeEvents.RoomDeletedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns committed changes into live events for this instance's subscribers.
 */
@Component
class LiveEvents {

	private final RoomHub rooms;

	private final RoomListHub roomList;

	LiveEvents(RoomHub rooms, RoomListHub roomList) {
		this.rooms = rooms;
		this.roomList = roomList;
	}

	@EventListener
	void on(MessageStoredEvent event) {
		this.rooms.publish(event.message().roomId(), MessagePosted.of(event.message()));
	}

	@EventListener
	void on(MemberJoinedEvent event) {
		this.rooms.publish(event.roomId(), new MemberJoined(event.roomId(), event.user(), now()));
	}

	@EventListener
	void on(MemberLeftEvent event) {
		this.rooms.publish(event.roomId(), new MemberLeft(event.roomId(), event.user(), now()));
	}

	@EventListener
	void on(RoomCreatedEvent event) {
		this.roomList.publish(new RoomCreated(event.room()));
	}

	@EventListener
	void on(RoomDeletedEvent event) {
		RoomDeleted deleted = new RoomDeleted(event.roomId(), now());
		this.rooms.publishFinal(event.roomId(), deleted);
		this.roomList.publish(deleted);
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
