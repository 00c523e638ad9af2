package io.chatx.message;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who may change the messages of a room, read under its lock: its creator (its OWNER
 * until room roles land), whether it is a direct room (which does not exist for anyone
 * but its two members), and which of a batch's callers are members.
 *
 * @param createdBy the room's creator, null when that account is gone
 * @param direct whether it is a direct room
 * @param members the callers of the batch who are members
 */
record RoomAccess(@Nullable UUID createdBy, boolean direct, Set<UUID> members) {

}
