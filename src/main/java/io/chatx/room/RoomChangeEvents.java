package io.chatx.room;

import java.util.UUID;

import io.chatx.account.User;

/**
 * Committed changes of rooms and memberships, published after the commit for the live
 * layer to fan out.
 */
public final class RoomChangeEvents {

	private RoomChangeEvents() {
	}

	/** A room was created (as its creator sees it). */
	public record RoomCreatedEvent(Room room) {
	}

	/** A room was deleted with its messages and memberships. */
	public record RoomDeletedEvent(UUID roomId) {
	}

	/** A user became a member of a room. */
	public record MemberJoinedEvent(UUID roomId, User user) {
	}

	/** A user stopped being a member of a room. */
	public record MemberLeftEvent(UUID roomId, User user) {
	}

	/**
	 * {@code userId}'s membership of a room changed (one event per user affected: a
	 * direct room opened tells both participants).
	 */
	public record MembershipChangedEvent(UUID userId, UUID roomId, MembershipReason reason) {
	}

	/** A member's read marker moved forward (by markRead). */
	public record ReadMarkerMovedEvent(UUID roomId, User user, long lastReadSeq) {
	}

}
