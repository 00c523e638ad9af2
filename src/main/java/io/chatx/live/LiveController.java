package io.chatx.live;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.common.Ids;
import io.chatx.live.presence.PresenceRegistry;
import io.chatx.message.MessageCursor;
import io.chatx.message.MessageCursor.Position;
import io.chatx.room.Room;
import io.chatx.room.RoomService;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Live traffic over GraphQL: roomEvents, roomListEvents, and who is online in a room.
 */
@Controller
class LiveController {

	private final RoomService rooms;

	private final RoomHub hub;

	private final RoomListHub roomList;

	private final PresenceRegistry presence;

	LiveController(RoomService rooms, RoomHub hub, RoomListHub roomList, PresenceRegistry presence) {
		this.rooms = rooms;
		this.hub = hub;
		this.roomList = roomList;
		this.presence = presence;
	}

	// The look-ups run as one Mono, then onTerminateDetach: a
	// subscription lives for hours, and the finished look-ups (the
	// room query with its R2DBC statement and row metadata) must
	// not stay referenced by its operators all that time.
	@SubscriptionMapping
	Flux<Object> roomEvents(@Argument String roomId, @Argument @Nullable String after,
			@AuthenticationPrincipal SignedInUser viewer) {
		User user = User.of(viewer);
		return Mono.defer(() -> {
			UUID id = Ids.parse(roomId).orElseThrow(RoomService::noSuchRoom);
			Position position = (after != null) ? MessageCursor.position(after, id) : null;
			return this.rooms.findReadable(user.id(), id)
				.map((room) -> new Start(user, id, position, room.isPrivate(), room.joined()));
		}).onTerminateDetach().flatMapMany(this::present);
	}

	@SubscriptionMapping
	Flux<Object> roomListEvents(@AuthenticationPrincipal SignedInUser viewer) {
		UUID viewerId = viewer.id();
		return this.roomList.subscribe()
			.map((event) -> (event instanceof RoomCreated created) ? new RoomCreated(seenBy(created.room(), viewerId))
					: event);
	}

	// Who is in a private room is for its members to see.
	@SchemaMapping(typeName = "Room")
	int onlineCount(Room room) {
		return room.isOpenToViewer() ? this.presence.onlineCount(room.id()) : 0;
	}

	@SchemaMapping(typeName = "Room")
	List<User> online(Room room) {
		return room.isOpenToViewer() ? this.presence.online(room.id()) : List.of();
	}

	/**
	 * The room's events while the user counts as online in it. A private room's end when
	 * the user leaves it; a public room's go on, as anyone may read it.
	 */
	private Flux<Object> present(Start start) {
		User user = start.user();
		UUID roomId = start.roomId();
		return this.hub
			.subscribe(roomId, start.after(), start.membersOnly() ? user.id() : null, user.id(), start.joined())
			.doOnSubscribe((subscription) -> this.presence.enterLocally(roomId, user))
			.doFinally((signal) -> this.presence.leaveLocally(roomId, user));
	}

	/**
	 * Where a checked roomEvents subscription starts, and whether the user was a member
	 * then.
	 */
	private record Start(User user, UUID roomId, @Nullable Position after, boolean membersOnly, boolean joined) {
	}

	// The event carries the room as its creator sees it.
	private static Room seenBy(Room room, UUID viewer) {
		return room.withJoined(viewer.equals(room.createdById()));
	}

}
