package io.chatx.room;

import java.beans.ConstructorProperties;

/**
 * Input of {@code createRoom}; length and range rules are schema directives, the rest is
 * checked by {@link RoomService}.
 */
record CreateRoomInput(String name, Boolean isPrivate, String password, Integer maxMembers) {

	// "private" is a Java keyword, so the GraphQL field is bound to isPrivate by
	// position.
	@ConstructorProperties({ "name", "private", "password", "maxMembers" })
	CreateRoomInput {
	}

	boolean privateRoom() {
		return Boolean.TRUE.equals(this.isPrivate);
	}

}
