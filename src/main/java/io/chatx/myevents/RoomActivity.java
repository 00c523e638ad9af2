package io.chatx.myevents;

import io.chatx.message.Message;
import io.chatx.room.Room;

/**
 * GraphQL type {@code RoomActivity}: a message was posted in one of the viewer's rooms.
 *
 * @param room the room as the viewer sees it after the message
 * @param message the message
 */
public record RoomActivity(Room room, Message message) {

}
