package io.chatx.message;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Input of {@code sendMessage}; {@link MessageService} checks it.
 */
record SendMessageInput(String roomId, String content, @Nullable String clientMessageId, @Nullable String replyToId,
		@Nullable List<String> attachmentIds) {

}
