package io.chatx.message;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chatx.common.ChatxException;
import io.chatx.common.OpaqueCursor;

/**
 * The cursor of a place in a room's stream, opaque to clients: a seq (the place in
 * history, used by paging) and a change number (the place in the change stream, used by
 * resume). History paging ({@code MessageEdge.cursor}) and live resume (the events'
 * {@code cursor}, {@code roomEvents(after:)}) use the same cursors. Seq 0 is the position
 * before the first message.
 * <p>
 * Part 1's cursors ({@code m1}: room and seq) stay valid: they decode with no change
 * number, which the reader takes as that of the message's post.
 */
public final class MessageCursor {

	private static final String KIND = "m2";

	private static final String PART_1_KIND = "m1";

	private MessageCursor() {
	}

	public static String encode(UUID roomId, long seq, long change) {
		return OpaqueCursor.encode(KIND, roomId, seq, change);
	}

	/**
	 * The seq a cursor points at (for paging).
	 * @param cursor a cursor from {@link #encode} or of part 1
	 * @param expectedRoomId the room it must belong to
	 * @return the seq
	 * @throws ChatxException {@code BAD_USER_INPUT} for a cursor that is malformed,
	 * forged or of another room
	 */
	public static long decode(String cursor, UUID expectedRoomId) {
		return position(cursor, expectedRoomId).seq();
	}

	/**
	 * Where a cursor points in history and in the change stream.
	 * @throws ChatxException {@code BAD_USER_INPUT} for a cursor that is malformed,
	 * forged or of another room
	 */
	public static Position position(String cursor, UUID expectedRoomId) {
		try {
			String[] fields;
			Long change;
			try {
				fields = OpaqueCursor.decode(cursor, KIND, 3);
				change = Long.parseLong(fields[2]);
			}
			catch (ChatxException ex) {
				fields = OpaqueCursor.decode(cursor, PART_1_KIND, 2);
				change = null;
			}
			UUID roomId = UUID.fromString(fields[0]);
			long seq = Long.parseLong(fields[1]);
			String canonical = (change != null) ? encode(roomId, seq, change)
					: OpaqueCursor.encode(PART_1_KIND, roomId, seq);
			if (seq < 0 || (change != null && change < 0) || !roomId.equals(expectedRoomId)
					|| !canonical.equals(cursor)) {
				throw OpaqueCursor.invalid();
			}
			return new Position(seq, change);
		}
		catch (IllegalArgumentException ex) {
			throw OpaqueCursor.invalid();
		}
	}

	/**
	 * A place in a room.
	 *
	 * @param seq the newest message the holder knows of (0: none)
	 * @param change the newest change the holder knows of; null for a part 1 cursor (then
	 * it is the change number of the post of the message at {@code seq}, 0 for seq 0)
	 */
	public record Position(long seq, @Nullable Long change) {

	}

}
