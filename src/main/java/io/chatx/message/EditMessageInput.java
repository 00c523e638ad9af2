package io.chatx.message;

/**
 * Input of {@code editMessage}; {@link MessageLifecycleService} checks it.
 */
record EditMessageInput(String messageId, String content) {

}
