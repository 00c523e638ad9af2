package io.chatx.myevents;

import io.chatx.room.Room;

/**
 * GraphQL type {@code ReadStateChanged}: the viewer's read marker of a room moved.
 *
 * @param room the room as the viewer sees it after the move
 */
public record ReadStateChanged(Room room) {

}
