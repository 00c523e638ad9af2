package io.chatx.live;

/**
 * A persisted change of a room (a post, an edit, a deletion, a reaction added or
 * removed), numbered 1, 2, 3, ... per room in commit order: the hub orders, de-duplicates
 * and gap-repairs by that number.
 */
public interface ChangeEvent {

	/** The room's change number of this change. */
	long change();

	/** Where a client resumes after this event ({@code roomEvents(after:)}). */
	String cursor();

}
