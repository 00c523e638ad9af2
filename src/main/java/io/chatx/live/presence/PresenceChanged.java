package io.chatx.live.presence;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.chatx.account.User;

/**
 * A user came online in a room (first live subscription anywhere) or went offline (last
 * one ended). GraphQL type {@code PresenceChanged}.
 */
public record PresenceChanged(UUID roomId, User user, boolean online, int onlineCount, OffsetDateTime at) {

}
