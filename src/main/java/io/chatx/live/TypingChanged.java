package io.chatx.live;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.chatx.account.User;

/**
 * GraphQL type {@code TypingChanged}: a member started or stopped typing. Live only,
 * never stored, and for the room's members only.
 */
public record TypingChanged(UUID roomId, User user, boolean typing, OffsetDateTime at) implements MembersOnlyEvent {

}
