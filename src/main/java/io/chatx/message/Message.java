package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message as stored: its place in the room's order ({@code seq}) never changes.
 *
 * @param id the message's id
 * @param roomId the room it was posted to
 * @param seq its number in the room: 1, 2, 3, ... in commit order
 * @param authorId who posted it
 * @param content the text, trimmed
 * @param sentAt when it was stored
 * @param clientMessageId the sender's idempotency key, if they gave one
 */
public record Message(UUID id, UUID roomId, long seq, UUID authorId, String content, OffsetDateTime sentAt,
		@Nullable String clientMessageId) {

}
