package io.chatx.readstate;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

import io.chatx.message.Message;

/**
 * The newest messages of rooms read together (a page of {@code myRooms}, a
 * {@code RoomActivity}), handed down to {@code Room.lastMessage} in the local context so
 * that a page costs one query, not one per room. Not a DataLoader: inside subscription
 * events graphql-java 25 can leave a batch undispatched (see {@code UserLoader}).
 *
 * @param rooms the rooms whose newest message is known
 * @param newest per room, its newest message that is not deleted; absent when it has none
 */
public record LastMessages(Set<UUID> rooms, Map<UUID, Message> newest) {

	public static final String KEY = "lastMessages";

	/**
	 * Local context saying that {@code newest} holds the newest message of {@code rooms}.
	 */
	public static GraphQLContext context(Collection<UUID> rooms, Map<UUID, Message> newest) {
		return GraphQLContext.newContext().of(KEY, new LastMessages(Set.copyOf(rooms), Map.copyOf(newest))).build();
	}

	/** Whether the newest message of {@code roomId} is known here (null or not). */
	public boolean knows(UUID roomId) {
		return this.rooms.contains(roomId);
	}

	/** The newest message of {@code roomId}, when known and there is one. */
	public @Nullable Message of(UUID roomId) {
		return this.newest.get(roomId);
	}

}
