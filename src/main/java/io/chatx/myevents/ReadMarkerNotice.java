package io.chatx.myevents;

import java.util.UUID;

/**
 * {@code userId} moved their read marker of a room (markRead, on any device).
 *
 * @param userId the reader
 * @param roomId the room
 * @param lastReadSeq the marker now
 */
public record ReadMarkerNotice(UUID userId, UUID roomId, long lastReadSeq) implements UserNotice {

}
