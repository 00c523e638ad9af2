package io.chatx.room;

import java.beans.ConstructorProperties;

import org.jspecify.annotations.Nullable;

/**
 * Input of {@code createRoom}; length and range rules are schema directives, the rest is
 * checked by {@link RoomService}.
 */
record CreateRoomInput(String name, @Nullable Boolean isPrivate, @Nullable String password,
		@Nullable Integer maxMembers) {

	// "private" is a Java keyword, so the GraphQL
	// field is bound to isPrivate by position.
	@ConstructorProperties({ "name", "private", "password", "maxMembers" })
	CreateRoomInput {
	}

	boolean privateRoom() {
		return Boolean.TRUE.equals(this.isPrivate);
	}

}
