package io.chatx.live;

import io.chatx.message.Message;
import io.chatx.message.MessageCursor;

/**
 * GraphQL type {@code MessagePosted}: a message and the cursor to resume after it. Its
 * change number is the message's {@code postedChange}.
 */
public record MessagePosted(Message message, String cursor) implements ChangeEvent {

	static MessagePosted of(Message message) {
		return new MessagePosted(message,
				MessageCursor.encode(message.roomId(), message.seq(), message.postedChange()));
	}

	@Override
	public long change() {
		return this.message.postedChange();
	}

}
