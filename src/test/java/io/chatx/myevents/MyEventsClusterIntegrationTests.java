package io.chatx.myevents;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxInstance;
import io.chatx.support.TestNats;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatx.myevents.MyEventsClient.message;
import static io.chatx.myevents.MyEventsClient.number;
import static io.chatx.myevents.MyEventsClient.room;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code myEvents} across two ChatX instances on one PostgreSQL and a real nats-server:
 * what is committed on A reaches a stream on B, with B's own unread count, and a leave
 * whose events never came is found by B's periodic membership check.
 */
class MyEventsClusterIntegrationTests {

	private static final String PASSWORD = "sesame";

	private static TestNats nats;

	private static ChatxInstance a;

	private static ChatxInstance b;

	@BeforeAll
	static void startCluster() {
		nats = TestNats.shared();
		nats.start();
		a = ChatxInstance.start(args());
		b = ChatxInstance.start(args());
	}

	@AfterAll
	static void stopCluster() {
		b.close();
		a.close();
	}

	@Test
	void aMessageOnAReachesMyEventsOnBWithTheRightUnreadCount() {
		TestUser ann = a.client().register();
		TestUser bob = a.client().register();
		String room = a.fixtures().publicRoom(ann);
		a.fixtures().join(bob, room);
		try (MyEventsClient onB = open(b, bob, room); MyEventsClient annOnB = open(b, ann, room)) {
			a.fixtures().send(ann, room, "one");
			a.fixtures().send(ann, room, "two");
			assertActivity(onB.next("RoomActivity"), room, 1, 1);
			Map<String, Object> second = onB.next("RoomActivity");
			assertActivity(second, room, 2, 2);
			assertThat(message(second)).containsEntry("content", "two");
			// The author's own stream: read up to it.
			assertActivity(annOnB.next("RoomActivity"), room, 1, 0);
			assertActivity(annOnB.next("RoomActivity"), room, 2, 0);
		}
	}

	@Test
	void aMarkReadOnAGivesReadStateChangedOnB() {
		TestUser ann = a.client().register();
		TestUser bob = a.client().register();
		String room = a.fixtures().publicRoom(ann);
		a.fixtures().join(bob, room);
		try (MyEventsClient onB = open(b, bob, room)) {
			a.fixtures().send(ann, room, "one");
			a.fixtures().send(ann, room, "two");
			onB.next("RoomActivity");
			onB.next("RoomActivity");
			a.client()
				.as(bob)
				.document("mutation($id: ID!) { markRead(roomId: $id, seq: 1) { id } }")
				.variable("id", room)
				.execute()
				.errors()
				.verify();
			Map<String, Object> changed = onB.next("ReadStateChanged");
			assertThat(room(changed)).containsEntry("lastReadSeq", 1).containsEntry("unreadCount", 1);
		}
	}

	@Test
	void joiningAndLeavingOnAReachMyEventsOnB() {
		TestUser ann = a.client().register();
		TestUser bob = a.client().register();
		String room = a.fixtures().privateRoom(ann, PASSWORD);
		try (MyEventsClient onB = open(b, bob)) {
			a.fixtures().join(bob, room, PASSWORD);
			assertThat(onB.next("MembershipChanged")).containsEntry("roomId", room).containsEntry("reason", "JOINED");
			a.fixtures().send(ann, room, "hello");
			assertActivity(onB.next("RoomActivity"), room, 1, 1);
			a.client()
				.as(bob)
				.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
				.variable("id", room)
				.execute()
				.errors()
				.verify();
			assertThat(onB.next("MembershipChanged")).containsEntry("reason", "LEFT")
				.containsEntry("changedRoom", null);
			a.fixtures().send(ann, room, "after");
			assertThat(onB.noEventWithin(Duration.ofMillis(500))).isTrue();
		}
	}

	@Test
	void aLeaveWhoseEventsWereLostEndsTheRoomsActivityOnB() {
		TestUser ann = a.client().register();
		TestUser bob = a.client().register();
		String room = a.fixtures().privateRoom(ann, PASSWORD);
		a.fixtures().join(bob, room, PASSWORD);
		try (MyEventsClient onB = open(b, bob, room)) {
			// Gone from the database with no event at all, as when NATS lost them.
			a.bean(DatabaseClient.class)
				.sql("DELETE FROM memberships WHERE room_id = :room AND user_id = :user")
				.bind("room", UUID.fromString(room))
				.bind("user", UUID.fromString(bob.id()))
				.then()
				.block(TestSupport.TIMEOUT);
			Map<String, Object> left = onB.next("MembershipChanged");
			assertThat(left).containsEntry("roomId", room).containsEntry("reason", "LEFT");
			a.fixtures().send(ann, room, "not for bob");
			assertThat(onB.noEventWithin(Duration.ofMillis(500))).isTrue();
		}
	}

	private static MyEventsClient open(ChatxInstance instance, TestUser user, String... rooms) {
		return MyEventsClient.open(URI.create(instance.client().webSocketUri().toString()), user,
				instance.bean(MyEventsHub.class), rooms);
	}

	private static void assertActivity(Map<String, Object> activity, String roomId, long seq, long unreadCount) {
		assertThat(room(activity)).as("room of %s", activity)
			.containsEntry("id", roomId)
			.containsEntry("unreadCount", (int) unreadCount);
		assertThat(number(message(activity), "seq")).isEqualTo(seq);
	}

	// Quick tail and membership checks, so that the test need not wait for the defaults.
	private static String[] args() {
		return new String[] { "--chatx.nats.url=" + nats.url(), "--chatx.nats.tail-check-interval=1s",
				"--chatx.nats.reconnect-wait=100ms", "--chatx.nats.reconnect-wait-max=500ms",
				"--spring.lifecycle.timeout-per-shutdown-phase=1s" };
	}

}
