package io.chatx.room;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chatx.account.User;

/**
 * A chat room as one viewer sees it.
 *
 * @param id the room's id
 * @param name its name, unique whatever the case among rooms that are not direct; a
 * direct room's is the other participant's username
 * @param isPrivate whether only members read it (GraphQL {@code private}); true for
 * direct rooms
 * @param createdById who created it; {@code null} once that account is gone
 * @param createdAt when it was created
 * @param memberCount how many users have joined it
 * @param lastSeq the seq of its newest message, 0 when there is none
 * @param joined whether the viewer has joined it
 * @param kind public, private or direct
 * @param directPeer a direct room's other participant (as the viewer sees it); null for
 * other rooms
 * @param readState how far the viewer has read it
 * @param lastChange the room's change number when it was read
 * @param activityAt when its newest message was posted, else when the viewer joined it
 * (null for a room without messages the viewer has not joined)
 */
public record Room(UUID id, String name, boolean isPrivate, @Nullable UUID createdById, OffsetDateTime createdAt,
		int memberCount, long lastSeq, boolean joined, RoomKind kind, @Nullable User directPeer, ReadState readState,
		long lastChange, @Nullable OffsetDateTime activityAt) {

	// Events from instances of the previous version carry no kind or read state.
	public Room {
		if (kind == null) {
			kind = isPrivate ? RoomKind.PRIVATE : RoomKind.PUBLIC;
		}
		if (readState == null) {
			readState = ReadState.NONE;
		}
	}

	/** A room that is not direct, without read state (tests, events). */
	public Room(UUID id, String name, boolean isPrivate, @Nullable UUID createdById, OffsetDateTime createdAt,
			int memberCount, long lastSeq, boolean joined) {
		this(id, name, isPrivate, createdById, createdAt, memberCount, lastSeq, joined,
				isPrivate ? RoomKind.PRIVATE : RoomKind.PUBLIC, null, ReadState.NONE, lastSeq, null);
	}

	/**
	 * Whether the viewer may see inside the room (its messages, its newest seq, who is
	 * online): any public room, a private or direct one only when joined.
	 */
	public boolean isOpenToViewer() {
		return !this.isPrivate || this.joined;
	}

	// Room.lastReadSeq, unreadCount and peerLastReadSeq, read by graphql-java's property
	// fetcher: a page of 100 rooms then costs no controller call per field.

	/** GraphQL {@code Room.lastReadSeq}: the viewer's read marker, 0 when not joined. */
	public long lastReadSeq() {
		return this.readState.lastReadSeq();
	}

	/** GraphQL {@code Room.unreadCount}: 0 when not joined. */
	public int unreadCount() {
		return this.readState.unreadCount();
	}

	/** GraphQL {@code Room.peerLastReadSeq}: a direct room's other side's marker. */
	public @Nullable Long peerLastReadSeq() {
		return this.isDirect() ? this.readState.peerLastReadSeq() : null;
	}

	public boolean isDirect() {
		return this.kind == RoomKind.DIRECT;
	}

	/** The same room as another viewer who has or has not joined it sees it. */
	public Room withJoined(boolean joined) {
		return new Room(this.id, this.name, this.isPrivate, this.createdById, this.createdAt, this.memberCount,
				this.lastSeq, joined, this.kind, this.directPeer, joined ? this.readState : ReadState.NONE,
				this.lastChange, this.activityAt);
	}

}
