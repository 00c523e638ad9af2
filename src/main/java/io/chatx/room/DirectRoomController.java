package io.chatx.room;

import reactor.core.publisher.Mono;

import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Direct rooms over GraphQL: openDirectRoom. {@code Room.kind} and {@code directPeer} are
 * read from the {@link Room} record (the peer as the viewer sees it).
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

}
