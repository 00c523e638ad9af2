package io.chatx.message;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One persisted change of a room, as numbered in its change log.
 *
 * @param number the room's change number: 1, 2, 3, ... in commit order
 * @param seqAt the room's newest seq right after the change (the seq of its cursor)
 * @param kind what it did
 * @param userId who made it
 * @param emoji the emoji of a reaction change, else null
 */
public record RoomChange(long number, long seqAt, ChangeKind kind, UUID userId, @Nullable String emoji) {

}
