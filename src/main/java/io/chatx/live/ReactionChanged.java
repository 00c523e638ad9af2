package io.chatx.live;

import io.chatx.account.User;
import io.chatx.message.Message;

/**
 * GraphQL type {@code ReactionChanged}: who added or removed which emoji, the message
 * with its reaction groups after the change (or later, when read from the log), the
 * cursor to resume after it, and its change number. The user travels whole, so that no
 * instance reads it again.
 */
public record ReactionChanged(Message message, String cursor, User user, String emoji, boolean added,
		long change) implements ChangeEvent {

}
