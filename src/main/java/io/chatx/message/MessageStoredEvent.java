package io.chatx.message;

/**
 * A new message was committed (published after the commit, never for an idempotent
 * retry).
 */
public record MessageStoredEvent(Message message) {

}
