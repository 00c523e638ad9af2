package io.chatx.room;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.common.Connection;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
	Mono<Room> room(@Argument String id, @AuthenticationPrincipal SignedInUser viewer) {
		return this.rooms.find(viewer.id(), id);
	}

	@QueryMapping
	Mono<Connection<Room>> rooms(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable String search, @AuthenticationPrincipal SignedInUser viewer) {
		return this.rooms.list(viewer.id(), first, after, search)
			.flatMap((page) -> this.users
				.preload(page.edges().stream().map((edge) -> edge.node().createdById()).toList())
				.thenReturn(page));
	}

	@MutationMapping
	Mono<Room> createRoom(@Argument CreateRoomInput input, @AuthenticationPrincipal SignedInUser viewer) {
		return this.rooms.create(viewer.id(), input);
	}

	@MutationMapping
	Mono<Room> joinRoom(@Argument String roomId, @Argument @Nullable String password,
			@ContextValue String clientAddress, @AuthenticationPrincipal SignedInUser viewer) {
		return this.memberships.join(User.of(viewer), roomId, password, clientAddress).map(Joined::room);
	}

	@MutationMapping
	Mono<Boolean> leaveRoom(@Argument String roomId, @AuthenticationPrincipal SignedInUser viewer) {
		return this.memberships.leave(User.of(viewer), roomId);
	}

	@MutationMapping
	Mono<Boolean> deleteRoom(@Argument String roomId, @AuthenticationPrincipal SignedInUser viewer) {
		return this.rooms.delete(viewer.id(), roomId);
	}

	@SchemaMapping(typeName = "Room", field = "private")
	boolean isPrivate(Room room) {
		return room.isPrivate();
	}

	// How far a private room's conversation has gone is for its members.
	@SchemaMapping
	long lastSeq(Room room) {
		return room.isOpenToViewer() ? room.lastSeq() : 0;
	}

	@SchemaMapping
	Mono<User> createdBy(Room room) {
		return this.users.user(room.createdById());
	}

}
