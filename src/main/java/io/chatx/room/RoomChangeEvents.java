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

}
