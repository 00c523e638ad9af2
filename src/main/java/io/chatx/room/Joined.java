package io.chatx.room;

/**
 * The outcome of a join: the room as the new member sees it, and whether the join made
 * them a member (false when they were one already).
 *
 * @param room the room, read after the join committed
 * @param newMember whether this call added the membership
 */
public record Joined(Room room, boolean newMember) {

}
