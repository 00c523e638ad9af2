package io.chatx.myevents;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static io.chatx.myevents.MyEventsClient.message;
import static io.chatx.myevents.MyEventsClient.number;
import static io.chatx.myevents.MyEventsClient.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code myEvents} over a real WebSocket against real PostgreSQL: activity of every room
 * of the user with their own unread count, read state from another connection, and
 * membership changes; a user who leaves a room stops getting its activity.
 */
@IntegrationTest
class MyEventsIntegrationTests {

	private static final String PASSWORD = "sesame";

	private static final Duration QUIET = Duration.ofMillis(500);

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	MyEventsHub hub;

	@Test
	void roomActivityOfEveryRoomOfTheUserWithEachRecipientsUnreadCount() {
		TestUser ann = this.client.register();
		TestUser bob = this.client.register();
		TestUser cat = this.client.register();
		String lounge = this.fixtures.publicRoom(ann);
		String secret = this.fixtures.privateRoom(ann, PASSWORD);
		this.fixtures.join(bob, lounge);
		this.fixtures.join(bob, secret, PASSWORD);
		this.fixtures.join(cat, lounge);
		this.fixtures.send(ann, lounge, "one");
		markRead(cat, lounge, 1);
		try (MyEventsClient bobs = open(bob, lounge, secret); MyEventsClient cats = open(cat, lounge)) {
			this.fixtures.send(ann, lounge, "two");
			assertActivity(bobs.next("RoomActivity"), lounge, 2, 0, 2);
			assertActivity(cats.next("RoomActivity"), lounge, 2, 1, 1);

			// One's own message: read up to it, nothing unread.
			this.fixtures.send(bob, lounge, "three");
			Map<String, Object> own = bobs.next("RoomActivity");
			assertActivity(own, lounge, 3, 3, 0);
			assertThat(message(own)).containsEntry("author", Map.of("username", bob.username()));
			assertActivity(cats.next("RoomActivity"), lounge, 3, 1, 2);

			this.fixtures.send(ann, secret, "hidden");
			Map<String, Object> secretActivity = bobs.next("RoomActivity");
			assertActivity(secretActivity, secret, 1, 0, 1);
			assertThat(room(secretActivity)).containsEntry("kind", "PRIVATE").containsEntry("joined", true);
			assertThat(cats.noEventWithin(QUIET)).as("nothing of a room cat is not in").isTrue();

			// The counts kept in memory are those a fresh query gives.
			assertThat(unreadCount(bob, lounge)).isZero();
			assertThat(unreadCount(cat, lounge)).isEqualTo(2);
			assertThat(unreadCount(bob, secret)).isEqualTo(1);
		}
	}

	@Test
	void lastMessageOfTheActivityIsItsMessage() {
		TestUser ann = this.client.register();
		String room = this.fixtures.publicRoom(ann);
		try (MyEventsClient events = open(ann, room)) {
			this.fixtures.send(ann, room, "newest");
			Map<String, Object> activity = events.next("RoomActivity");
			assertThat(room(activity)).containsEntry("lastMessage", Map.of("seq", 1, "content", "newest"))
				.containsEntry("lastSeq", 1);
		}
	}

	@Test
	void readStateChangedWhenTheMarkerMovesOnAnotherConnection() {
		TestUser ann = this.client.register();
		TestUser bob = this.client.register();
		String room = this.fixtures.publicRoom(ann);
		this.fixtures.join(bob, room);
		try (MyEventsClient events = open(bob, room)) {
			this.fixtures.send(ann, room, "one");
			this.fixtures.send(ann, room, "two");
			this.fixtures.send(ann, room, "three");
			assertActivity(events.next("RoomActivity"), room, 1, 0, 1);
			assertActivity(events.next("RoomActivity"), room, 2, 0, 2);
			assertActivity(events.next("RoomActivity"), room, 3, 0, 3);
			markRead(bob, room, 2);
			Map<String, Object> changed = events.next("ReadStateChanged");
			assertThat(room(changed)).containsEntry("id", room)
				.containsEntry("lastReadSeq", 2)
				.containsEntry("unreadCount", 1);
			// Counting goes on from the marker read.
			this.fixtures.send(ann, room, "four");
			assertActivity(events.next("RoomActivity"), room, 4, 2, 2);
		}
	}

	@Test
	void membershipChangedWhenJoiningLeavingAndWhenTheRoomIsDeleted() {
		TestUser ann = this.client.register();
		TestUser bob = this.client.register();
		String other = this.fixtures.publicRoom(bob);
		try (MyEventsClient bobs = open(bob, other); MyEventsClient anns = open(ann)) {
			String room = this.fixtures.publicRoom(ann);
			Map<String, Object> created = anns.next("MembershipChanged");
			assertThat(created).containsEntry("roomId", room).containsEntry("reason", "JOINED");
			assertThat(room(created)).containsEntry("joined", true).containsEntry("memberCount", 1);

			this.fixtures.join(bob, room);
			Map<String, Object> joined = bobs.next("MembershipChanged");
			assertThat(joined).containsEntry("roomId", room).containsEntry("reason", "JOINED");
			assertThat(room(joined)).containsEntry("joined", true).containsEntry("unreadCount", 0);
			this.fixtures.send(ann, room, "welcome");
			assertActivity(bobs.next("RoomActivity"), room, 1, 0, 1);
			assertActivity(anns.next("RoomActivity"), room, 1, 1, 0);

			leave(bob, room);
			Map<String, Object> left = bobs.next("MembershipChanged");
			assertThat(left).containsEntry("roomId", room).containsEntry("reason", "LEFT");
			// A public room: seen as by anyone who has not joined it.
			assertThat(room(left)).containsEntry("joined", false).containsEntry("unreadCount", 0);
			this.fixtures.send(ann, room, "gone");
			assertActivity(anns.next("RoomActivity"), room, 2, 2, 0);
			assertThat(bobs.noEventWithin(QUIET)).isTrue();

			this.fixtures.join(bob, room);
			assertThat(bobs.next("MembershipChanged")).containsEntry("reason", "JOINED");
			deleteRoom(ann, room);
			Map<String, Object> deleted = bobs.next("MembershipChanged");
			assertThat(deleted).containsEntry("roomId", room)
				.containsEntry("reason", "ROOM_DELETED")
				.containsEntry("changedRoom", null);
			assertThat(anns.next("MembershipChanged")).containsEntry("reason", "ROOM_DELETED");
			// Still live for the rooms left.
			this.fixtures.send(bob, other, "still here");
			assertActivity(bobs.next("RoomActivity"), other, 1, 1, 0);
		}
	}

	@Test
	void directOpenedForBothSidesAndItsActivityForNobodyElse() {
		TestUser ann = this.client.register();
		TestUser bob = this.client.register();
		TestUser cat = this.client.register();
		String lounge = this.fixtures.publicRoom(ann);
		this.fixtures.join(cat, lounge);
		try (MyEventsClient anns = open(ann, lounge);
				MyEventsClient bobs = open(bob);
				MyEventsClient cats = open(cat, lounge)) {
			String direct = this.client.as(ann)
				.document("mutation($id: ID!) { openDirectRoom(userId: $id) { id } }")
				.variable("id", bob.id())
				.execute()
				.path("openDirectRoom.id")
				.entity(String.class)
				.get();
			Map<String, Object> opened = anns.next("MembershipChanged");
			assertThat(opened).containsEntry("roomId", direct).containsEntry("reason", "DIRECT_OPENED");
			assertThat(room(opened)).containsEntry("kind", "DIRECT").containsEntry("name", bob.username());
			Map<String, Object> openedWith = bobs.next("MembershipChanged");
			assertThat(openedWith).containsEntry("roomId", direct).containsEntry("reason", "DIRECT_OPENED");
			assertThat(room(openedWith)).containsEntry("name", ann.username());

			this.fixtures.send(bob, direct, "hi ann");
			Map<String, Object> toAnn = anns.next("RoomActivity");
			assertActivity(toAnn, direct, 1, 0, 1);
			assertThat(room(toAnn)).containsEntry("name", bob.username()).containsEntry("kind", "DIRECT");
			assertActivity(bobs.next("RoomActivity"), direct, 1, 1, 0);
			assertThat(cats.noEventWithin(QUIET)).as("nothing of a direct room of others").isTrue();
		}
	}

	@Test
	void aUserWhoLeavesAPrivateRoomStopsGettingItsActivity() {
		TestUser ann = this.client.register();
		TestUser bob = this.client.register();
		String secret = this.fixtures.privateRoom(ann, PASSWORD);
		String lounge = this.fixtures.publicRoom(ann);
		this.fixtures.join(bob, secret, PASSWORD);
		this.fixtures.join(bob, lounge);
		try (MyEventsClient events = open(bob, secret, lounge)) {
			this.fixtures.send(ann, secret, "before");
			assertActivity(events.next("RoomActivity"), secret, 1, 0, 1);
			leave(bob, secret);
			Map<String, Object> left = events.next("MembershipChanged");
			assertThat(left).containsEntry("roomId", secret)
				.containsEntry("reason", "LEFT")
				.containsEntry("changedRoom", null);
			this.fixtures.send(ann, secret, "after");
			this.fixtures.send(ann, lounge, "elsewhere");
			// The next event is the other room's: nothing of the room left.
			assertActivity(events.next("RoomActivity"), lounge, 1, 0, 1);
			assertThat(events.noEventWithin(QUIET)).isTrue();
		}
	}

	@Test
	void noTapOrStreamOutlivesItsClients() {
		TestUser ann = this.client.register();
		TestUser bob = this.client.register();
		String lounge = this.fixtures.publicRoom(ann);
		String secret = this.fixtures.privateRoom(ann, PASSWORD);
		this.fixtures.join(bob, lounge);
		int streams = this.hub.subscriptionCount();
		int rooms = this.hub.roomCount();
		try (MyEventsClient first = open(ann, lounge, secret);
				MyEventsClient second = open(bob, lounge);
				MyEventsClient third = open(ann, lounge, secret)) {
			assertThat(this.hub.subscriptionCount()).isGreaterThanOrEqualTo(streams + 3);
			// One tap per room, however many streams track it.
			assertThat(this.hub.roomCount()).isGreaterThanOrEqualTo(rooms + 2).isLessThanOrEqualTo(rooms + 2 + 10);
			this.fixtures.send(ann, lounge, "x");
			first.next("RoomActivity");
			second.next("RoomActivity");
			third.next("RoomActivity");
		}
		await().atMost(TestSupport.TIMEOUT)
			.untilAsserted(() -> assertThat(this.hub.loadedRooms(java.util.UUID.fromString(ann.id()))).isEmpty());
		await().atMost(TestSupport.TIMEOUT)
			.untilAsserted(() -> assertThat(this.hub.loadedRooms(java.util.UUID.fromString(bob.id()))).isEmpty());
	}

	private MyEventsClient open(TestUser user, String... rooms) {
		return MyEventsClient.open(URI.create(this.client.webSocketUri().toString()), user, this.hub, rooms);
	}

	private static void assertActivity(Map<String, Object> activity, String roomId, long seq, long lastReadSeq,
			long unreadCount) {
		assertThat(room(activity)).as("room of %s", activity)
			.containsEntry("id", roomId)
			.containsEntry("lastReadSeq", (int) lastReadSeq)
			.containsEntry("unreadCount", (int) unreadCount);
		assertThat(number(message(activity), "seq")).isEqualTo(seq);
	}

	private void markRead(TestUser user, String roomId, long seq) {
		this.client.as(user)
			.document("mutation($id: ID!, $seq: Long!) { markRead(roomId: $id, seq: $seq) { id } }")
			.variable("id", roomId)
			.variable("seq", seq)
			.execute()
			.errors()
			.verify();
	}

	private long unreadCount(TestUser user, String roomId) {
		return this.client.as(user)
			.document("query($id: ID!) { room(id: $id) { unreadCount } }")
			.variable("id", roomId)
			.execute()
			.path("room.unreadCount")
			.entity(Long.class)
			.get();
	}

	private void leave(TestUser user, String roomId) {
		this.client.as(user)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", roomId)
			.execute()
			.path("leaveRoom")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	private void deleteRoom(TestUser user, String roomId) {
		this.client.as(user)
			.document("mutation($id: ID!) { deleteRoom(roomId: $id) }")
			.variable("id", roomId)
			.execute()
			.path("deleteRoom")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

}
