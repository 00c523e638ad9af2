package io.chatx.message;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A change of a message that someone asked for, its input already checked: an edit (with
 * the new content), a deletion, or a reaction added or removed (with the emoji).
 *
 * @param kind what to do (never {@link ChangeKind#POSTED})
 * @param messageId the message
 * @param userId who asks
 * @param content the new content of an edit, else null
 * @param emoji the emoji of a reaction change, else null
 */
record ChangeRequest(ChangeKind kind, UUID messageId, UUID userId, @Nullable String content, @Nullable String emoji) {

	static ChangeRequest edit(UUID messageId, UUID userId, String content) {
		return new ChangeRequest(ChangeKind.EDITED, messageId, userId, content, null);
	}

	static ChangeRequest delete(UUID messageId, UUID userId) {
		return new ChangeRequest(ChangeKind.DELETED, messageId, userId, null, null);
	}

	static ChangeRequest react(UUID messageId, UUID userId, String emoji, boolean add) {
		return new ChangeRequest(add ? ChangeKind.REACTION_ADDED : ChangeKind.REACTION_REMOVED, messageId, userId, null,
				emoji);
	}

}
