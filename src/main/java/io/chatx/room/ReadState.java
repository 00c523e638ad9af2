package io.chatx.room;

import org.jspecify.annotations.Nullable;

/**
 * How far a viewer has read a room, read with the room in the same statement.
 *
 * @param lastReadSeq the viewer's read marker; 0 when none or not joined
 * @param unreadCount messages above the marker that are not deleted and not the viewer's;
 * 0 when not joined
 * @param peerLastReadSeq a direct room's other participant's marker; null for other rooms
 */
public record ReadState(long lastReadSeq, int unreadCount, @Nullable Long peerLastReadSeq) {

	/** A room the viewer has not joined. */
	public static final ReadState NONE = new ReadState(0, 0, null);

}
