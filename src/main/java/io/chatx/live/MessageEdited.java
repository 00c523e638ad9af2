package io.chatx.live;

import io.chatx.message.Message;

/**
 * GraphQL type {@code MessageEdited}: the message as it is after the edit (or later, when
 * read from the log), the cursor to resume after it, and its change number.
 */
public record MessageEdited(Message message, String cursor, long change) implements ChangeEvent {

}
