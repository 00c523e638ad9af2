package io.chatx.room;

/**
 * GraphQL enum {@code MembershipReason}: why a user's membership of a room changed.
 */
public enum MembershipReason {

	JOINED, LEFT, INVITED, REMOVED, BANNED, DIRECT_OPENED, ROOM_DELETED

}
