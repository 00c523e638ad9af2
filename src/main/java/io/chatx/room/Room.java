package io.chatx.room;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A chat room as one viewer sees it.
 *
 * @param id the room's id
 * @param name its name, unique whatever the case
 * @param isPrivate whether joining needs the room's password (GraphQL {@code private})
 * @param createdById who created it; {@code null} once that account is gone
 * @param createdAt when it was created
 * @param memberCount how many users have joined it
 * @param lastSeq the seq of its newest message, 0 when there is none
 * @param joined whether the viewer has joined it
 */
public record Room(UUID id, String name, boolean isPrivate, @Nullable UUID createdById, OffsetDateTime createdAt,
		int memberCount, long lastSeq, boolean joined) {

	/**
	 * Whether the viewer may see inside the room (its messages, its newest seq, who is
	 * online): any public room, a private one only when joined.
	 */
	public boolean isOpenToViewer() {
		return !this.isPrivate || this.joined;
	}

}
