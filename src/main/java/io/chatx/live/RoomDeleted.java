package io.chatx.live;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * GraphQL type {@code RoomDeleted}: the room is gone; live subscriptions to it complete.
 */
public record RoomDeleted(UUID roomId, OffsetDateTime at) {

}
