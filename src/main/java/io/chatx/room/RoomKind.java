package io.chatx.room;

/**
 * GraphQL enum {@code RoomKind}: who may see and join a room.
 */
public enum RoomKind {

	/** Anyone may read and join it. */
	PUBLIC,

	/** Members read it; others join with its password. */
	PRIVATE,

	/**
	 * The one-to-one room of two users: only they see it, nobody joins or leaves it, and
	 * each sees the other's username as its name.
	 */
	DIRECT

}
