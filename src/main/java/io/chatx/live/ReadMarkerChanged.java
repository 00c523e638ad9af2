package io.chatx.live;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.chatx.account.User;

/**
 * GraphQL type {@code ReadMarkerChanged}: a member's read marker moved. Live only, and
 * for the room's members only.
 */
public record ReadMarkerChanged(UUID roomId, User user, long lastReadSeq,
		OffsetDateTime at) implements MembersOnlyEvent {

}
