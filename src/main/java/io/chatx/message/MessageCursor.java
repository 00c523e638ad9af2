package io.chatx.message;

import java.util.UUID;

import io.chatx.common.OpaqueCursor;

/**
 * The cursor of a message: its room and seq, opaque to clients. History paging
 * ({@code MessageEdge.cursor}) and live resume ({@code MessagePosted.cursor},
 * {@code roomEvents(after:)}) use the same cursors. Seq 0 is the position before the
 * first message.
 */
public final class MessageCursor {

	private static final String KIND = "m1";

	private MessageCursor() {
	}

	public static String encode(UUID roomId, long seq) {
		return OpaqueCursor.encode(KIND, roomId, seq);
	}

	/**
	 * The seq a cursor points at.
	 * @param cursor a cursor from {@link #encode}
	 * @param expectedRoomId the room it must belong to
	 * @return the seq
	 * @throws io.chatx.common.ChatxException {@code BAD_USER_INPUT} for a cursor that is
	 * malformed, forged or of another room
	 */
	public static long decode(String cursor, UUID expectedRoomId) {
		String[] fields = OpaqueCursor.decode(cursor, KIND, 2);
		try {
			UUID roomId = UUID.fromString(fields[0]);
			long seq = Long.parseLong(fields[1]);
			if (seq < 0 || !roomId.equals(expectedRoomId) || !encode(roomId, seq).equals(cursor)) {
				throw OpaqueCursor.invalid();
			}
			return seq;
		}
		catch (IllegalArgumentException ex) {
			throw OpaqueCursor.invalid();
		}
	}

}
