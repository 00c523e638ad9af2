package io.chatx.live;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.chatx.account.User;

/**
 * GraphQL type {@code MemberLeft}: a user left the room.
 */
public record MemberLeft(UUID roomId, User user, OffsetDateTime at) {

}
