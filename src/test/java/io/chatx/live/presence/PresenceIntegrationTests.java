package io.chatx.live.presence;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence: online while holding at least one live roomEvents subscription, announced on
 * the first and after the last, and agreeing with Room.onlineCount and Room.online.
 */
@IntegrationTest
class PresenceIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void severalTabsOfOneUserCountOnceAndGoOfflineAfterTheLast() {
		TestUser watcher = this.client.register();
		TestUser ann = this.client.register();
		String room = this.fixtures.publicRoom(watcher);
		try (RoomEventsClient watching = connect(watcher).subscribe("w", room, null)) {
			assertThat(watching.next("PresenceChanged")).containsEntry("online", true).containsEntry("onlineCount", 1);
			RoomEventsClient tab1 = connect(ann).subscribe("1", room, null);
			Map<String, Object> online = watching.next("PresenceChanged");
			assertThat(online).containsEntry("online", true)
				.containsEntry("onlineCount", 2)
				.containsEntry("user", Map.of("username", ann.username()));
			// A second tab brings no PresenceChanged; a message shows when it is live
			// (from the start of the room, so that it arrives however the two race).
			RoomEventsClient tab2 = connect(ann).subscribe("1", room,
					io.chatx.message.MessageCursor.encode(java.util.UUID.fromString(room), 0, 0));
			this.fixtures.send(watcher, room, "are you there?");
			tab2.next("MessagePosted");
			watching.next("MessagePosted");
			assertOnline(watcher, room, watcher.username(), ann.username());

			tab1.close();
			assertThat(watching.noEventWithin(Duration.ofMillis(500))).as("no event while a tab is left").isTrue();
			assertOnline(watcher, room, watcher.username(), ann.username());

			tab2.close();
			assertThat(watching.next("PresenceChanged")).containsEntry("online", false)
				.containsEntry("onlineCount", 1)
				.containsEntry("user", Map.of("username", ann.username()));
			assertOnline(watcher, room, watcher.username());
		}
	}

	@Test
	void unsubscribingWithCompleteEndsPresenceToo() {
		TestUser watcher = this.client.register();
		TestUser bob = this.client.register();
		String room = this.fixtures.publicRoom(watcher);
		try (RoomEventsClient watching = connect(watcher).subscribe("w", room, null);
				RoomEventsClient bobs = connect(bob).subscribe("b", room, null)) {
			watching.next("PresenceChanged");
			assertThat(watching.next("PresenceChanged")).containsEntry("online", true);
			bobs.socket.send(Map.of("type", "complete", "id", "b"));
			assertThat(watching.next("PresenceChanged")).containsEntry("online", false)
				.containsEntry("user", Map.of("username", bob.username()));
		}
	}

	@Test
	void nobodyIsOnlineInARoomWithoutSubscribers() {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		assertOnline(owner, room);
	}

	private void assertOnline(TestUser viewer, String room, String... usernames) {
		var response = this.client.as(viewer)
			.document("query($id: ID!) { room(id: $id) { onlineCount online { username } } }")
			.variable("id", room)
			.execute();
		response.path("room.onlineCount").entity(Integer.class).isEqualTo(usernames.length);
		List<String> online = response.path("room.online[*].username").entityList(String.class).get();
		assertThat(online).containsExactlyInAnyOrder(usernames);
	}

	private RoomEventsClient connect(TestUser user) {
		return new RoomEventsClient(URI.create(this.client.webSocketUri().toString()), user);
	}

}
