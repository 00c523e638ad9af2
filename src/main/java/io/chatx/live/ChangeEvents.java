package io.chatx.live;

import org.jspecify.annotations.Nullable;

import io.chatx.account.User;
import io.chatx.message.ChangeKind;
import io.chatx.message.Message;
import io.chatx.message.MessageCursor;
import io.chatx.message.RoomChange;

/**
 * Turns a change of a room and its message into the live event of its kind.
 */
final class ChangeEvents {

	private ChangeEvents() {
	}

	/**
	 * @param message the message after the change (or as it stands now)
	 * @param change the change
	 * @param user who made it, for a reaction change (null when unknown: then only its id
	 * is told); ignored for other changes
	 */
	static ChangeEvent of(Message message, RoomChange change, @Nullable User user) {
		String cursor = MessageCursor.encode(message.roomId(), change.seqAt(), change.number());
		return switch (change.kind()) {
			case POSTED -> MessagePosted.of(message);
			case EDITED -> new MessageEdited(message, cursor, change.number());
			case DELETED -> new MessageDeleted(message, cursor, change.number());
			case REACTION_ADDED, REACTION_REMOVED ->
				new ReactionChanged(message, cursor, (user != null) ? user : new User(change.userId(), ""),
						(change.emoji() != null) ? change.emoji() : "", change.kind() == ChangeKind.REACTION_ADDED,
						change.number());
		};
	}

	/** Whether turning {@code change} into its event needs the user who made it. */
	static boolean needsUser(RoomChange change) {
		return change.kind() == ChangeKind.REACTION_ADDED || change.kind() == ChangeKind.REACTION_REMOVED;
	}

}
