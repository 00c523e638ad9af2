package io.chatx.live;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * roomListEvents: rooms created and deleted, live, through Spring's WebSocket GraphQL
 * client.
 */
@IntegrationTest
class RoomListEventsIntegrationTests {

	private static final String ROOM_LIST = """
			subscription { roomListEvents { __typename
			  ... on RoomCreated { room { id name private joined memberCount createdBy { username } } }
			  ... on RoomDeleted { roomId } } }""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void announcesCreatedAndDeletedRooms() {
		TestUser watcher = this.client.register();
		TestUser owner = this.client.register();
		WebSocketGraphQlTester tester = this.client.webSocket(watcher);
		try {
			var events = tester.document(ROOM_LIST).executeSubscription().toFlux("roomListEvents", Map.class);
			// The event may arrive before createRoom
			// returns: its id is compared at the end.
			String[] room = new String[1];
			String[] announced = new String[1];
			StepVerifier.create(events)
				.expectSubscription()
				.thenAwait(Duration.ofMillis(300))
				.then(() -> room[0] = this.fixtures.privateRoom(owner, "pass1234"))
				.assertNext((created) -> {
					assertThat(created).containsEntry("__typename", "RoomCreated");
					@SuppressWarnings("unchecked")
					Map<String, Object> r = (Map<String, Object>) created.get("room");
					announced[0] = (String) r.get("id");
					assertThat(r).containsEntry("private", true)
						.containsEntry("joined", false)
						.containsEntry("memberCount", 1)
						.containsEntry("createdBy", Map.of("username", owner.username()));
				})
				.then(() -> this.client.as(owner)
					.document("mutation($id: ID!) { deleteRoom(roomId: $id) }")
					.variable("id", announced[0])
					.execute())
				.assertNext((deleted) -> assertThat(deleted).containsEntry("__typename", "RoomDeleted")
					.containsEntry("roomId", announced[0]))
				.thenCancel()
				.verify(TestSupport.TIMEOUT);
			assertThat(announced[0]).isEqualTo(room[0]);
		}
		finally {
			tester.stop().block(TestSupport.TIMEOUT);
		}
	}

	@Test
	void theCreatorSeesTheRoomAsJoined() {
		TestUser owner = this.client.register();
		WebSocketGraphQlTester tester = this.client.webSocket(owner);
		try {
			var events = tester.document(ROOM_LIST)
				.executeSubscription()
				.toFlux("roomListEvents.room.joined", Boolean.class);
			StepVerifier.create(events)
				.expectSubscription()
				.thenAwait(Duration.ofMillis(300))
				.then(() -> this.fixtures.publicRoom(owner))
				.expectNext(true)
				.thenCancel()
				.verify(TestSupport.TIMEOUT);
		}
		finally {
			tester.stop().block(TestSupport.TIMEOUT);
		}
	}

}
