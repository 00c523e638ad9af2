package io.chatx.live;

import io.chatx.message.Message;

/**
 * GraphQL type {@code MessageDeleted}: the tombstone, the cursor to resume after it, and
 * its change number.
 */
public record MessageDeleted(Message message, String cursor, long change) implements ChangeEvent {

}
