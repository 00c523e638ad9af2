package io.chatx.myevents;

import java.util.List;
import java.util.Map;

import graphql.execution.DataFetcherResult;
import reactor.core.publisher.Flux;

import io.chatx.account.User;
import io.chatx.readstate.LastMessages;
import io.chatx.room.Room;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * {@code myEvents}: one live stream per client for its room list.
 */
@Controller
class MyEventsController {

	private final MyEventsHub hub;

	MyEventsController(MyEventsHub hub) {
		this.hub = hub;
	}

	@SubscriptionMapping
	Flux<Object> myEvents(@AuthenticationPrincipal SignedInUser viewer) {
		return this.hub.subscribe(User.of(viewer));
	}

	// The activity's message is the room's newest (events come in change order):
	// Room.lastMessage takes it from here instead of a query.
	@SchemaMapping(typeName = "RoomActivity")
	DataFetcherResult<Room> room(RoomActivity activity) {
		Room room = activity.room();
		return DataFetcherResult.<Room>newResult()
			.data(room)
			.localContext(LastMessages.context(List.of(room.id()), Map.of(room.id(), activity.message())))
			.build();
	}

}
