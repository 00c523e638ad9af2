package io.chatx.message;

/**
 * The outcome of a send: the stored message, and whether this send stored it (false when
 * its clientMessageId had been seen already and the earlier message came back). Only
 * created messages are news to publish.
 *
 * @param message the message
 * @param created whether this call inserted it
 */
public record SentMessage(Message message, boolean created) {

}
