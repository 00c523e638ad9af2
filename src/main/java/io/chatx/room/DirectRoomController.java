package io.chatx.room;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Direct rooms over GraphQL: openDirectRoom, and the {@code Room} fields that tell a
 * direct room from others.
 */
@Controller
class DirectRoomController {

	private final DirectRoomService directRooms;

	DirectRoomController(DirectRoomService directRooms) {
		this.directRooms = directRooms;
	}

	@MutationMapping
	Mono<Room> openDirectRoom(@Argument String userId, @AuthenticationPrincipal SignedInUser viewer) {
		return this.directRooms.open(viewer.id(), userId);
	}

	@SchemaMapping
	RoomKind kind(Room room) {
		return room.kind();
	}

	// Read with the room as the viewer sees it: the other one of the pair.
	@SchemaMapping
	@Nullable User directPeer(Room room) {
		return room.directPeer();
	}

}
