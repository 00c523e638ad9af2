package io.chatx.readstate;

import java.util.List;

import graphql.execution.DataFetcherResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.common.Connection;
import io.chatx.message.Message;
import io.chatx.message.MessageService;
import io.chatx.room.Room;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.LocalContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Read state over GraphQL: markRead, myRooms, and {@code Room.lastMessage}. The read
 * state itself ({@code lastReadSeq}, {@code unreadCount}, {@code peerLastReadSeq}) comes
 * with the room, read in the same statement, and is read from the {@link Room} record.
 */
@Controller
class ReadStateController {

	private final ReadStateService readState;

	private final MessageService messages;

	ReadStateController(ReadStateService readState, MessageService messages) {
		this.readState = readState;
		this.messages = messages;
	}

	@MutationMapping
	Mono<Room> markRead(@Argument String roomId, @Argument long seq, @AuthenticationPrincipal SignedInUser viewer) {
		return this.readState.markRead(User.of(viewer), roomId, seq);
	}

	@QueryMapping
	Mono<DataFetcherResult<Connection<Room>>> myRooms(@Argument @Nullable Integer first,
			@Argument @Nullable String after, @AuthenticationPrincipal SignedInUser viewer) {
		return this.readState.myRooms(viewer.id(), first, after)
			.map((page) -> DataFetcherResult.<Connection<Room>>newResult()
				.data(page.connection())
				.localContext(page.localContext())
				.build());
	}

	/**
	 * The newest message that is not deleted: from the local context when whoever read
	 * the room read it too (a myRooms page), else one query; null for a private room the
	 * viewer is not in.
	 */
	@SchemaMapping(typeName = "Room")
	Mono<Message> lastMessage(Room room,
			@LocalContextValue(name = LastMessages.KEY, required = false) @Nullable LastMessages known) {
		if (!room.isOpenToViewer()) {
			return Mono.empty();
		}
		if (known != null && known.knows(room.id())) {
			return Mono.justOrEmpty(known.of(room.id()));
		}
		return this.messages.newestOf(List.of(room.id())).mapNotNull((newest) -> newest.get(room.id()));
	}

}
