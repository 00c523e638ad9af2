package io.chatx.live;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.chatx.account.User;

/**
 * GraphQL type {@code MemberJoined}: a user joined the room.
 */
public record MemberJoined(UUID roomId, User user, OffsetDateTime at) {

}
