package io.chatx.readstate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.common.ChatxException;
import io.chatx.common.Connection;
import io.chatx.common.Ids;
import io.chatx.message.Message;
import io.chatx.message.MessageService;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimiter;
import io.chatx.room.JoinedRooms;
import io.chatx.room.Room;
import io.chatx.room.RoomChangeEvents.ReadMarkerMovedEvent;
import io.chatx.room.RoomService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Read markers and the caller's rooms by activity.
 */
@Service
public class ReadStateService {

	private final ReadMarkerRepository markers;

	private final JoinedRooms joined;

	private final RoomService rooms;

	private final MessageService messages;

	private final UserLoader users;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final ApplicationEventPublisher events;

	ReadStateService(ReadMarkerRepository markers, JoinedRooms joined, RoomService rooms, MessageService messages,
			UserLoader users, RateLimiter rateLimiter, RateLimitProperties limits, ApplicationEventPublisher events) {
		this.markers = markers;
		this.joined = joined;
		this.rooms = rooms;
		this.messages = messages;
		this.users = users;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
		this.events = events;
	}

	/**
	 * Move the user's marker of a room forward to min({@code seq}, lastSeq). The update
	 * runs first and touches only a membership of the user; the room is then read as they
	 * see it, which also answers {@code NOT_FOUND} / {@code FORBIDDEN} for anyone who is
	 * not a member. A marker that moved is published (a single statement has committed by
	 * then).
	 */
	Mono<Room> markRead(User user, String roomId, long seq) {
		return Mono.defer(() -> {
			if (seq < 0) {
				throw ChatxException.badInput("seq must not be negative.");
			}
			UUID id = Ids.parse(roomId).orElseThrow(RoomService::noSuchRoom);
			return this.rateLimiter.check("mark-read", this.limits.markReadPerUser(), user.id().toString())
				.then(this.markers.moveForward(id, user.id(), seq))
				.doOnNext((marker) -> this.events.publishEvent(new ReadMarkerMovedEvent(id, user, marker)))
				.then(this.rooms.findJoined(user.id(), id));
		});
	}

	/**
	 * A page of the viewer's rooms, most recent activity first, with the newest message
	 * of each read in one more query and the users shown (creators, authors) in at most
	 * one more.
	 */
	Mono<MyRoomsPage> myRooms(UUID viewer, @Nullable Integer first, @Nullable String after) {
		return Mono.defer(() -> {
			int size = Connection.pageSize(first);
			ActivityCursor.Position position = (after != null) ? ActivityCursor.decode(after) : null;
			Mono<List<Room>> found = this.joined
				.page(viewer, (position != null) ? position.at() : null, (position != null) ? position.id() : null,
						size + 1)
				.collectList();
			Mono<Boolean> newer = (position != null) ? this.joined.existsBefore(viewer, position.at(), position.id())
					: Mono.just(false);
			return Mono.zip(found, newer).flatMap((result) -> {
				Connection<Room> connection = Connection.ofOneMore(result.getT1(), size, ActivityCursor::encode,
						result.getT2());
				List<Room> page = connection.edges().stream().map(Connection.Edge::node).toList();
				List<UUID> ids = page.stream().map(Room::id).toList();
				return this.messages.newestOf(ids)
					.flatMap((newest) -> this.users.preload(usersShown(page, newest))
						.thenReturn(new MyRoomsPage(connection, LastMessages.context(ids, newest))));
			});
		});
	}

	// Creators (Room.createdBy) and the authors of the newest messages.
	private static List<UUID> usersShown(List<Room> rooms, Map<UUID, Message> newest) {
		List<UUID> ids = new ArrayList<>();
		rooms.stream().map(Room::createdById).filter(Objects::nonNull).forEach(ids::add);
		newest.values().forEach((message) -> ids.add(message.authorId()));
		return ids;
	}

	/**
	 * A page of {@code myRooms} and the local context that hands its newest messages down
	 * to {@code Room.lastMessage}.
	 */
	record MyRoomsPage(Connection<Room> connection, GraphQLContext localContext) {

	}

}
