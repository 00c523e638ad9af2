package io.chatx.live;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.message.MessageService;
import io.chatx.room.RoomService;

import org.springframework.stereotype.Component;

/**
 * The hub's view of PostgreSQL, the log of every room's messages.
 */
@Component
class DatabaseRoomLog implements RoomLog {

	private final RoomService rooms;

	private final MessageService messages;

	DatabaseRoomLog(RoomService rooms, MessageService messages) {
		this.rooms = rooms;
		this.messages = messages;
	}

	@Override
	public Mono<Long> lastSeq(UUID roomId) {
		return this.rooms.lastSeq(roomId);
	}

	@Override
	public Flux<SequencedEvent> between(UUID roomId, long afterSeq, long beforeSeq) {
		return this.messages.between(roomId, afterSeq, beforeSeq).map(MessagePosted::of);
	}

}
