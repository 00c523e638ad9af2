package io.chatx.live;

import io.chatx.room.Room;

/**
 * GraphQL type {@code RoomCreated}, for the live room list.
 */
public record RoomCreated(Room room) {

}
