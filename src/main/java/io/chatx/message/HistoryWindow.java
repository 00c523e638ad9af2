package io.chatx.message;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chatx.common.ChatxException;
import io.chatx.common.Connection;

/**
 * The part of a room's history that a {@code messages} query asks for: the messages with
 * {@code after < seq < before}, the oldest {@code size} of them when paging forwards
 * ({@code first}), else the newest ({@code last}).
 *
 * @param forward whether to take the oldest of the range
 * @param after exclusive lower bound (0: from the first message)
 * @param before exclusive upper bound ({@link Long#MAX_VALUE}: up to the newest)
 * @param size most messages in the page
 */
record HistoryWindow(boolean forward, long after, long before, int size) {

	private static final int DEFAULT_SIZE = 20;

	private static final int MAX_SIZE = 100;

	/**
	 * Read the arguments of {@code messages}. Without {@code first} or {@code last} a
	 * page holds 20: forwards when only {@code after} is given, else backwards.
	 * @throws ChatxException {@code BAD_USER_INPUT} for sizes out of range, both
	 * {@code first} and {@code last}, or a cursor that is not one of this room
	 */
	static HistoryWindow of(UUID roomId, @Nullable Integer first, @Nullable String after, @Nullable Integer last,
			@Nullable String before) {
		if (first != null && last != null) {
			throw ChatxException.badInput("Give first or last, not both.");
		}
		Integer size = (first != null) ? first : last;
		if (size != null && (size < 0 || size > MAX_SIZE)) {
			throw ChatxException
				.badInput(((first != null) ? "first" : "last") + " must be between 0 and " + MAX_SIZE + ".");
		}
		long afterSeq = (after != null) ? MessageCursor.decode(after, roomId) : 0;
		long beforeSeq = (before != null) ? MessageCursor.decode(before, roomId) : Long.MAX_VALUE;
		boolean forward = (first != null) || (last == null && after != null && before == null);
		return new HistoryWindow(forward, afterSeq, beforeSeq, (size != null) ? size : DEFAULT_SIZE);
	}

	/**
	 * The page as a connection, in a room whose newest message is {@code lastSeq}. Seqs
	 * run 1, 2, 3, ... without gaps, so older messages exist exactly when the page starts
	 * above 1, and newer ones when it ends below {@code lastSeq}. Each edge's cursor
	 * carries the room's change number when the page was read, so that resuming from it
	 * replays the changes made since.
	 */
	Connection<Message> connection(MessageRepository.HistoryPage history, long lastSeq) {
		List<Message> page = history.messages();
		boolean hasPrevious;
		boolean hasNext;
		if (!page.isEmpty()) {
			hasPrevious = page.get(0).seq() > 1;
			hasNext = page.get(page.size() - 1).seq() < lastSeq;
		}
		else {
			// An empty page stands right after `after`
			// (forwards) or right before `before`.
			long position = Math.max(0, this.forward ? this.after : this.before - 1);
			hasPrevious = Math.min(position, lastSeq) >= 1;
			hasNext = lastSeq > position;
		}
		return Connection.of(page,
				(message) -> MessageCursor.encode(message.roomId(), message.seq(), history.roomChange()), hasPrevious,
				hasNext);
	}

}
