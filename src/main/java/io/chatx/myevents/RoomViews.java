package io.chatx.myevents;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chatx.message.Message;
import io.chatx.room.ReadState;
import io.chatx.room.Room;

/**
 * A room as one member sees it, moved along by the room's live events in memory: what a
 * {@code myEvents} stream keeps per room instead of reading the database per message.
 */
final class RoomViews {

	private RoomViews() {
	}

	/**
	 * After {@code message} was posted (its change is the newest applied): the viewer's
	 * own message moves their marker to it (nothing newer has been applied, so nothing is
	 * unread); anyone else's is one more unread.
	 */
	static Room posted(Room room, Message message, UUID viewer) {
		ReadState read = room.readState();
		ReadState after = viewer.equals(message.authorId()) ? new ReadState(message.seq(), 0, read.peerLastReadSeq())
				: new ReadState(read.lastReadSeq(), saturated(read.unreadCount() + 1L), read.peerLastReadSeq());
		return copy(room, room.memberCount(), Math.max(room.lastSeq(), message.seq()), after, message.postedChange(),
				message.sentAt());
	}

	/**
	 * After {@code message} was deleted by {@code change}: one unread less when it was
	 * counted (someone else's, above the marker).
	 */
	static Room deleted(Room room, Message message, long change, UUID viewer) {
		ReadState read = room.readState();
		boolean counted = !viewer.equals(message.authorId()) && message.seq() > read.lastReadSeq();
		ReadState after = (counted && read.unreadCount() > 0)
				? new ReadState(read.lastReadSeq(), read.unreadCount() - 1, read.peerLastReadSeq()) : read;
		return copy(room, room.memberCount(), room.lastSeq(), after, change, room.activityAt());
	}

	/** After a change that moves no counter of the room list (an edit, a reaction). */
	static Room changed(Room room, long change) {
		return copy(room, room.memberCount(), room.lastSeq(), room.readState(), change, room.activityAt());
	}

	/** With {@code delta} more members. */
	static Room members(Room room, int delta) {
		return copy(room, Math.max(0, room.memberCount() + delta), room.lastSeq(), room.readState(), room.lastChange(),
				room.activityAt());
	}

	/** A direct room whose other participant has read up to {@code seq}. */
	static Room peerRead(Room room, long seq) {
		ReadState read = room.readState();
		long peer = Math.max(seq, (read.peerLastReadSeq() != null) ? read.peerLastReadSeq() : 0);
		return copy(room, room.memberCount(), room.lastSeq(),
				new ReadState(read.lastReadSeq(), read.unreadCount(), peer), room.lastChange(), room.activityAt());
	}

	/**
	 * The room as the viewer sees it once they have left it: a public one without their
	 * read state, null for a private or direct one (not theirs to see any more).
	 */
	static @Nullable Room left(@Nullable Room room) {
		return (room == null || room.isPrivate()) ? null : members(room, -1).withJoined(false);
	}

	private static Room copy(Room room, int memberCount, long lastSeq, ReadState readState, long lastChange,
			@Nullable OffsetDateTime activityAt) {
		return new Room(room.id(), room.name(), room.isPrivate(), room.createdById(), room.createdAt(), memberCount,
				lastSeq, room.joined(), room.kind(), room.directPeer(), readState, lastChange, activityAt);
	}

	private static int saturated(long count) {
		return (int) Math.min(Integer.MAX_VALUE, count);
	}

}
