package io.chatx.message;

/**
 * Input of {@code sendMessage}; {@link MessageService} checks it.
 */
record SendMessageInput(String roomId, String content, String clientMessageId) {

}
