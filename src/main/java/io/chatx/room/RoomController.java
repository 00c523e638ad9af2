package io.chatx.room;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.graphql.Connection;
import io.chatx.security.Viewer;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Rooms over GraphQL: room, rooms, createRoom, joinRoom, leaveRoom, deleteRoom, and the
 * {@code Room} fields that are not columns.
 */
@Controller
class RoomController {

	private final RoomService rooms;

	private final MembershipService memberships;

	private final UserLoader users;

	RoomController(RoomService rooms, MembershipService memberships, UserLoader users) {
		this.rooms = rooms;
		this.memberships = memberships;
		this.users = users;
	}

	@QueryMapping
	Mono<Room> room(@Argument String id) {
		return Viewer.id().flatMap((viewer) -> this.rooms.find(viewer, id));
	}

	@QueryMapping
	Mono<Connection<Room>> rooms(@Argument Integer first, @Argument String after, @Argument String search) {
		return Viewer.id().flatMap((viewer) -> this.rooms.list(viewer, first, after, search));
	}

	@MutationMapping
	Mono<Room> createRoom(@Argument CreateRoomInput input) {
		return Viewer.id().flatMap((viewer) -> this.rooms.create(viewer, input));
	}

	@MutationMapping
	Mono<Room> joinRoom(@Argument String roomId, @Argument String password, @ContextValue String clientAddress) {
		return Viewer.user()
			.flatMap((viewer) -> this.memberships.join(viewer, roomId, password, clientAddress))
			.map(Joined::room);
	}

	@MutationMapping
	Mono<Boolean> leaveRoom(@Argument String roomId) {
		return Viewer.user().flatMap((viewer) -> this.memberships.leave(viewer, roomId));
	}

	@MutationMapping
	Mono<Boolean> deleteRoom(@Argument String roomId) {
		return Viewer.id().flatMap((viewer) -> this.rooms.delete(viewer, roomId));
	}

	@SchemaMapping(typeName = "Room", field = "private")
	boolean isPrivate(Room room) {
		return room.isPrivate();
	}

	@BatchMapping
	Mono<Map<Room, User>> createdBy(List<Room> rooms) {
		return this.users.usersOf(rooms, Room::createdById);
	}

}
