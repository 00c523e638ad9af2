package io.chatx.myevents;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chatx.room.MembershipReason;
import io.chatx.room.Room;

/**
 * GraphQL type {@code MembershipChanged}: the viewer's membership of a room changed.
 *
 * @param roomId the room
 * @param room the room as the viewer sees it now; null when it was deleted, or is a
 * private or direct room the viewer is no longer in
 * @param reason why
 */
public record MembershipChanged(UUID roomId, @Nullable Room room, MembershipReason reason) {

}
