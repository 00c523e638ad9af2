package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message as it stands now: its place in the room's order ({@code seq}) never changes;
 * its content, reactions and deletion may. A deleted message stays as a tombstone, with
 * empty content and no reactions, so that seqs stay gapless.
 *
 * @param id the message's id
 * @param roomId the room it was posted to
 * @param seq its number in the room: 1, 2, 3, ... in commit order
 * @param authorId who posted it
 * @param content the text, trimmed ("" once deleted)
 * @param sentAt when it was stored
 * @param clientMessageId the sender's idempotency key, if they gave one
 * @param postedChange the room's change number of its post
 * @param editedAt when its content was last edited, null when never
 * @param deleted whether it is a tombstone
 * @param replyToId the message of the same room it answers, if any
 * @param reactions its reaction groups, in the order their emoji was first added
 */
public record Message(UUID id, UUID roomId, long seq, UUID authorId, String content, OffsetDateTime sentAt,
		@Nullable String clientMessageId, long postedChange, @Nullable OffsetDateTime editedAt, boolean deleted,
		@Nullable UUID replyToId, List<Reaction> reactions) {

	/** A message as posted: not edited, not deleted, no reactions. */
	public static Message posted(UUID id, UUID roomId, long seq, UUID authorId, String content, OffsetDateTime sentAt,
			@Nullable String clientMessageId, long postedChange, @Nullable UUID replyToId) {
		return new Message(id, roomId, seq, authorId, content, sentAt, clientMessageId, postedChange, null, false,
				replyToId, List.of());
	}

}
