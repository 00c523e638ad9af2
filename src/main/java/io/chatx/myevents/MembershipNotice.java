package io.chatx.myevents;

import java.util.UUID;

import io.chatx.room.MembershipReason;

/**
 * {@code userId}'s membership of a room changed: joined (also by creating it), left, or a
 * direct room was opened with them.
 *
 * @param userId the member
 * @param roomId the room
 * @param reason what happened
 */
public record MembershipNotice(UUID userId, UUID roomId, MembershipReason reason) implements UserNotice {

}
