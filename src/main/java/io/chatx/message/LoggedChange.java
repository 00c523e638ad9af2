package io.chatx.message;

/**
 * A row of a room's change log with the message it touched as that message stands now.
 *
 * @param change the change
 * @param message the message's current state (later changes folded in)
 */
public record LoggedChange(RoomChange change, Message message) {

}
