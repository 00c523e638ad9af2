package io.chatx.message;

import org.jspecify.annotations.Nullable;

import io.chatx.common.ChatxException;

/**
 * Whether a change of a message may be made, given the message and its room as they stand
 * under the room's lock, and whether it changes anything. Decided before any write, so
 * that a refused change never has to be rolled back.
 */
final class ChangeRules {

	static final int MAX_DISTINCT_EMOJI = 20;

	private ChangeRules() {
	}

	/**
	 * Why {@code change} is refused, or null when it may be made.
	 * @param message the message now, null when there is none
	 * @param room its room now, null when there is none
	 */
	static @Nullable ChatxException refusal(ChangeRequest change, @Nullable Message message,
			@Nullable RoomAccess room) {
		if (message == null || room == null) {
			return noSuchMessage();
		}
		// The messages of a direct room do not exist for anyone but its two members.
		if (!room.members().contains(change.userId())) {
			return room.direct() ? noSuchMessage()
					: ChatxException.forbidden("Join the room before changing its messages.");
		}
		if (message.deleted()) {
			return noSuchMessage();
		}
		boolean author = message.authorId().equals(change.userId());
		return switch (change.kind()) {
			case EDITED -> author ? null : ChatxException.forbidden("Only its author may edit a message.");
			case DELETED -> (author || change.userId().equals(room.createdBy())) ? null
					: ChatxException.forbidden("Only its author or the room's owner may delete a message.");
			case REACTION_ADDED -> tooManyEmoji(change, message)
					? ChatxException.badInput("A message has at most 20 different emoji.") : null;
			case REACTION_REMOVED -> null;
			case POSTED -> throw new IllegalArgumentException("A post is not a change request");
		};
	}

	/**
	 * Whether an allowed change changes the message: adding a reaction the user has made
	 * already, or removing one they have not, does not.
	 */
	static boolean changes(ChangeRequest change, Message message) {
		return switch (change.kind()) {
			case REACTION_ADDED -> !hasReacted(change, message);
			case REACTION_REMOVED -> hasReacted(change, message);
			default -> true;
		};
	}

	static ChatxException noSuchMessage() {
		return ChatxException.notFound("No such message.");
	}

	private static boolean hasReacted(ChangeRequest change, Message message) {
		return message.reactions()
			.stream()
			.anyMatch((group) -> group.emoji().equals(change.emoji()) && group.userIds().contains(change.userId()));
	}

	// A new emoji beyond the twentieth; adding to an existing group is fine.
	private static boolean tooManyEmoji(ChangeRequest change, Message message) {
		boolean newEmoji = message.reactions().stream().noneMatch((group) -> group.emoji().equals(change.emoji()));
		return newEmoji && message.reactions().size() >= MAX_DISTINCT_EMOJI;
	}

}
