package io.chatx.live;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.message.MessageCursor;

/**
 * The database as the log of a room's changes, as the hub reads it: to start, to fill a
 * gap, and to replay after a cursor. Events read from it carry their message as it stands
 * now.
 */
public interface RoomLog {

	/** The room's change number (0 when none). */
	Mono<Long> lastChange(UUID roomId);

	/**
	 * Change events with {@code afterChange < change < beforeChange}, in change order.
	 */
	Flux<ChangeEvent> between(UUID roomId, long afterChange, long beforeChange);

	/**
	 * What a client at {@code after} lacks of the changes up to {@code upTo}, in change
	 * order (design.md "Replay from a cursor").
	 */
	Flux<ChangeEvent> replay(UUID roomId, MessageCursor.Position after, long upTo);

}
