package io.chatx.live;

import java.net.URI;
import java.time.Duration;
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
 * Leaving a private room ends the leaver's live subscriptions to it at once with
 * {@code FORBIDDEN}, and only theirs; leaving a public room does not, as anyone may read
 * it.
 */
@IntegrationTest
class MembershipEndIntegrationTests {

	private static final String PASSWORD = "sesame";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void leavingAPrivateRoomEndsTheLeaversSubscriptionWithForbidden() {
		TestUser owner = this.client.register();
		TestUser leaver = this.client.register();
		String room = this.fixtures.privateRoom(owner, PASSWORD);
		this.fixtures.join(leaver, room, PASSWORD);
		try (RoomEventsClient stays = connect(owner).subscribe("1", room, null);
				RoomEventsClient leaves = connect(leaver).subscribe("1", room, null)) {
			awaitOnline(stays, owner);
			awaitOnline(leaves, leaver);
			this.fixtures.send(owner, room, "before");
			assertThat(leaves.messageSeqs(1)).containsExactly(1L);
			leave(leaver, room);
			assertThat(RoomEventsClient.code(leaves.expect("error"))).isEqualTo("FORBIDDEN");
			this.fixtures.send(owner, room, "after");
			assertThat(stays.messageSeqs(2)).containsExactly(1L, 2L);
			assertThat(leaves.noEventWithin(Duration.ofMillis(500))).isTrue();
		}
	}

	@Test
	void leavingEndsEverySubscriptionOfTheLeaverToThatRoom() {
		TestUser owner = this.client.register();
		TestUser leaver = this.client.register();
		String room = this.fixtures.privateRoom(owner, PASSWORD);
		String otherRoom = this.fixtures.privateRoom(owner, PASSWORD);
		this.fixtures.join(leaver, room, PASSWORD);
		this.fixtures.join(leaver, otherRoom, PASSWORD);
		try (RoomEventsClient first = connect(leaver).subscribe("a", room, null);
				RoomEventsClient second = connect(leaver).subscribe("b", room, null);
				RoomEventsClient other = connect(leaver).subscribe("c", otherRoom, null)) {
			awaitOnline(other, leaver);
			this.fixtures.send(owner, room, "both live");
			assertThat(first.messageSeqs(1)).containsExactly(1L);
			assertThat(second.messageSeqs(1)).containsExactly(1L);
			leave(leaver, room);
			assertThat(first.expect("error")).containsEntry("id", "a");
			Map<String, Object> cut = second.expect("error");
			assertThat(cut).containsEntry("id", "b");
			assertThat(RoomEventsClient.code(cut)).isEqualTo("FORBIDDEN");
			// The subscription to the room still joined goes on.
			this.fixtures.send(owner, otherRoom, "still here");
			assertThat(other.messageSeqs(1)).containsExactly(1L);
		}
	}

	@Test
	void leavingAPublicRoomKeepsItsLiveEvents() {
		TestUser owner = this.client.register();
		TestUser leaver = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		this.fixtures.join(leaver, room);
		try (RoomEventsClient events = connect(leaver).subscribe("1", room, null)) {
			awaitOnline(events, leaver);
			leave(leaver, room);
			assertThat(events.next("MemberLeft")).containsEntry("user", Map.of("username", leaver.username()));
			this.fixtures.send(owner, room, "public");
			assertThat(events.messageSeqs(1)).containsExactly(1L);
		}
	}

	private void leave(TestUser user, String room) {
		this.client.as(user)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", room)
			.execute()
			.path("leaveRoom")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	private RoomEventsClient connect(TestUser user) {
		return new RoomEventsClient(URI.create(this.client.webSocketUri().toString()), user);
	}

	// The subscriber's own arrival is the first event it sees.
	private static void awaitOnline(RoomEventsClient events, TestUser user) {
		assertThat(events.next("PresenceChanged")).containsEntry("online", true)
			.containsEntry("user", Map.of("username", user.username()));
	}

}
