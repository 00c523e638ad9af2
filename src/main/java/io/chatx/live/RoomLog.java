package io.chatx.live;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The database as the log of a room's messages, as the hub reads it: to start, to fill a
 * gap, and to replay after a cursor.
 */
public interface RoomLog {

	/** The seq of the room's newest message (0 when none). */
	Mono<Long> lastSeq(UUID roomId);

	/** Message events with {@code afterSeq < seq < beforeSeq}, in seq order. */
	Flux<SequencedEvent> between(UUID roomId, long afterSeq, long beforeSeq);

}
