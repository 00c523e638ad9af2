package io.chatx.live;

/**
 * A room event only the room's members receive, also on a public room's
 * {@code roomEvents} (which anyone may hold): a subscriber gets it only while its viewer
 * is a member.
 */
public interface MembersOnlyEvent {

}
