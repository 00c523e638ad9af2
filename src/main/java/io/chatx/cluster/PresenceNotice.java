package io.chatx.cluster;

import java.util.UUID;

import io.chatx.account.User;

/**
 * A user's first live subscription to a room started on the sending instance, or their
 * last one there ended.
 *
 * @param roomId the room
 * @param user the user
 * @param online whether they are online in the room on the sender now
 * @param ttlMillis how long the receiver may count them without hearing it again
 */
record PresenceNotice(UUID roomId, User user, boolean online, long ttlMillis) {

}
