/**
 * Read state: read markers ({@code markRead}), unread counts, a direct room's "seen", the
 * newest message of a room, and the caller's rooms by activity ({@code myRooms}).
 */
@NullMarked
package io.chatx.readstate;

import org.jspecify.annotations.NullMarked;
