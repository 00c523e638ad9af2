package io.chatx.message;

/**
 * A message was edited or deleted, or a reaction to it added or removed: published after
 * the commit, in change order per room, never for a change that changed nothing.
 *
 * @param message the message right after the change
 * @param change the change
 */
public record MessageChangedEvent(Message message, RoomChange change) {

}
