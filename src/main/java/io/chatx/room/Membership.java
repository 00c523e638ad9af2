package io.chatx.room;

import java.util.UUID;

/**
 * A user's place in a room: that {@code userId} has joined {@code roomId}.
 */
public record Membership(UUID roomId, UUID userId) {

}
