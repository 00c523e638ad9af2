package io.chatx.message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The rooms' change logs, as the live stream reads them: a room's change number, the
 * changes it missed (gap repair), and what a client that resumes from a cursor lacks
 * (replay). Every change comes with its message as it stands now, so several changes of
 * one message fold into its current state. Read in pages, so that no connection is held
 * for long.
 */
@Service
public class RoomChangeLog {

	private static final int PAGE = 500;

	private final RoomChangeRepository changes;

	RoomChangeLog(RoomChangeRepository changes) {
		this.changes = changes;
	}

	/** The room's change number now (0 when none or no such room). */
	public Mono<Long> lastChange(UUID roomId) {
		return this.changes.lastChange(roomId);
	}

	/** The change number of each of the rooms that still exist. */
	public Mono<Map<UUID, Long>> lastChanges(Collection<UUID> roomIds) {
		return roomIds.isEmpty() ? Mono.just(Map.of()) : this.changes.lastChanges(roomIds);
	}

	/** The changes with {@code after < change < before}, in change order. */
	public Flux<LoggedChange> between(UUID roomId, long after, long before) {
		long upTo = before - 1;
		return pages(after, (from) -> this.changes.page(roomId, from, upTo, PAGE));
	}

	/**
	 * What a client at {@code position} lacks of the room's changes up to {@code upTo},
	 * in change order: the posts of the messages after its seq, and the changes after its
	 * change number to the messages up to its seq, each with the message as it stands now
	 * ("Replay from a cursor" in the design). A part 1 cursor knows the changes up to its
	 * message's post.
	 */
	public Flux<LoggedChange> replay(UUID roomId, MessageCursor.Position position, long upTo) {
		long seq = position.seq();
		return this.changes.postedChange(roomId, seq).flatMapMany((posted) -> {
			long known = (position.change() != null) ? position.change() : posted;
			// No post after the cursor's message and no change after `known` is older.
			long from = Math.min(posted, known);
			return pages(from, (after) -> this.changes.replayPage(roomId, seq, known, after, upTo, PAGE));
		});
	}

	private static Flux<LoggedChange> pages(long from, Function<Long, Mono<List<LoggedChange>>> page) {
		return page.apply(from)
			.expand((rows) -> (rows.size() < PAGE) ? Mono.empty()
					: page.apply(rows.get(rows.size() - 1).change().number()))
			.concatMapIterable(Function.identity());
	}

}
