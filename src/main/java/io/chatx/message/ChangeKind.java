package io.chatx.message;

/**
 * What a change of a room did to a message ({@code room_changes.kind}).
 */
public enum ChangeKind {

	POSTED, EDITED, DELETED, REACTION_ADDED, REACTION_REMOVED

}
