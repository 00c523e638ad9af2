package io.chatx.live;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * roomEvents over a real WebSocket: every event kind, access rules, and resume.
 */
@IntegrationTest
class RoomEventsIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void subscribersGetEveryMessageOnceInSeqOrder() {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		try (RoomEventsClient first = connect(owner).subscribe("1", room, null);
				RoomEventsClient second = connect(this.client.register()).subscribe("1", room, null)) {
			awaitSubscribed(first, owner);
			awaitSubscribed(second, null);
			for (int i = 1; i <= 20; i++) {
				this.fixtures.send(owner, room, "hello " + i);
			}
			List<Long> expected = LongStream.rangeClosed(1, 20).boxed().toList();
			assertThat(first.messageSeqs(20)).isEqualTo(expected);
			assertThat(second.messageSeqs(20)).isEqualTo(expected);
		}
	}

	@Test
	void messagePostedCarriesTheMessageAndAResumeCursor() {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		try (RoomEventsClient events = connect(owner).subscribe("1", room, null)) {
			awaitSubscribed(events, owner);
			this.fixtures.send(owner, room, "  hi there  ");
			Map<String, Object> posted = events.next("MessagePosted");
			assertThat(posted).extractingByKey("message")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("content", "hi there")
				.containsEntry("author", Map.of("username", owner.username()));
			String cursor = (String) posted.get("cursor");
			this.client.as(owner)
				.document(
						"query($id: ID!, $after: String) { messages(roomId: $id, first: 5, after: $after) { edges { node { seq } } } }")
				.variable("id", room)
				.variable("after", cursor)
				.execute()
				.path("messages.edges")
				.entityList(Object.class)
				.hasSize(0);
		}
	}

	@Test
	void membersJoiningAndLeavingAreAnnounced() {
		TestUser owner = this.client.register();
		TestUser guest = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		try (RoomEventsClient events = connect(owner).subscribe("1", room, null)) {
			awaitSubscribed(events, owner);
			this.fixtures.join(guest, room);
			assertThat(events.next("MemberJoined")).containsEntry("roomId", room)
				.containsEntry("user", Map.of("username", guest.username()));
			this.fixtures.join(guest, room);
			this.client.as(guest)
				.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
				.variable("id", room)
				.execute()
				.path("leaveRoom")
				.entity(Boolean.class)
				.isEqualTo(true);
			// Joining again changed nothing, so the next event is the leave.
			assertThat(events.nextEvent()).containsEntry("__typename", "MemberLeft")
				.containsEntry("user", Map.of("username", guest.username()));
		}
	}

	@Test
	void deletingTheRoomSendsRoomDeletedThenCompletes() {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		try (RoomEventsClient events = connect(owner).subscribe("7", room, null)) {
			awaitSubscribed(events, owner);
			this.client.as(owner)
				.document("mutation($id: ID!) { deleteRoom(roomId: $id) }")
				.variable("id", room)
				.execute()
				.path("deleteRoom")
				.entity(Boolean.class)
				.isEqualTo(true);
			assertThat(events.next("RoomDeleted")).containsEntry("roomId", room);
			assertThat(events.expect("complete")).containsEntry("id", "7");
		}
	}

	@Test
	void privateRoomIsForMembersOnly() {
		TestUser owner = this.client.register();
		TestUser stranger = this.client.register();
		String room = this.fixtures.privateRoom(owner, "sesame");
		try (RoomEventsClient events = connect(stranger).subscribe("1", room, null)) {
			assertThat(RoomEventsClient.code(events.expect("error"))).isEqualTo("FORBIDDEN");
		}
		this.fixtures.join(stranger, room, "sesame");
		try (RoomEventsClient events = connect(stranger).subscribe("1", room, null)) {
			awaitSubscribed(events, stranger);
			this.fixtures.send(owner, room, "welcome");
			assertThat(events.messageSeqs(1)).containsExactly(1L);
		}
	}

	@Test
	void unknownRoomAndForgedCursorAreRefused() {
		TestUser user = this.client.register();
		String room = this.fixtures.publicRoom(user);
		try (RoomEventsClient events = connect(user)) {
			events.subscribe("1", "00000000-0000-0000-0000-000000000000", null);
			assertThat(RoomEventsClient.code(events.expect("error"))).isEqualTo("NOT_FOUND");
			events.subscribe("2", room, "bm90LWEtY3Vyc29y");
			assertThat(RoomEventsClient.code(events.expect("error"))).isEqualTo("BAD_USER_INPUT");
		}
	}

	@Test
	void resumeReplaysWhatWasMissedThenGoesLiveWhileOthersKeepSending() throws Exception {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		List<TestUser> senders = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			TestUser sender = this.client.register();
			this.fixtures.join(sender, room);
			senders.add(sender);
		}
		int total = 200;
		List<Long> received = new ArrayList<>();
		String cursor;
		try (RoomEventsClient events = connect(owner).subscribe("1", room, null)) {
			awaitSubscribed(events, owner);
			// Keep sending in the background through the disconnect and the resubscribe.
			var sending = Flux.range(0, total)
				.flatMap((i) -> reactor.core.publisher.Mono
					.fromCallable(() -> this.fixtures.send(senders.get(i % 4), room, "m" + i))
					.subscribeOn(Schedulers.boundedElastic()), 4)
				.then()
				.toFuture();
			Map<String, Object> last = null;
			for (int i = 0; i < 30; i++) {
				last = events.next("MessagePosted");
				received.add(RoomEventsClient.seq(last));
			}
			cursor = (String) last.get("cursor");
			events.close();
			try (RoomEventsClient resumed = connect(owner).subscribe("1", room, cursor)) {
				received.addAll(resumed.messageSeqs(total - 30));
				sending.get(60, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(resumed.noMessageWithin(Duration.ofMillis(300))).isTrue();
			}
		}
		assertThat(received).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
	}

	@Test
	void resumeWithACursorOfTheLatestMessageGivesOnlyNewOnes() {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		for (int i = 0; i < 5; i++) {
			this.fixtures.send(owner, room, "old " + i);
		}
		String cursor = io.chatx.message.MessageCursor.encode(java.util.UUID.fromString(room), 5, 5);
		try (RoomEventsClient events = connect(owner).subscribe("1", room, cursor)) {
			awaitSubscribed(events, owner);
			this.fixtures.send(owner, room, "new");
			assertThat(events.messageSeqs(1)).containsExactly(6L);
		}
	}

	@Test
	void sendMessageWorksOverTheWebSocket() {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		try (RoomEventsClient events = connect(owner).subscribe("sub", room, null)) {
			awaitSubscribed(events, owner);
			events.socket.send(Map.of("type", "subscribe", "id", "send", "payload", Map.of("query",
					"mutation($input: SendMessageInput!) { sendMessage(input: $input) { seq content } }", "variables",
					Map.of("input", Map.of("roomId", room, "content", "over ws", "clientMessageId", "c-1")))));
			List<Map<String, Object>> seen = new ArrayList<>();
			while (seen.stream().noneMatch((m) -> "complete".equals(m.get("type")) && "send".equals(m.get("id")))) {
				Map<String, Object> message = events.socket.next(TestSupport.TIMEOUT);
				assertThat(message).as("message over the socket").isNotNull();
				if (!"ping".equals(message.get("type"))) {
					seen.add(message);
				}
			}
			Map<String, Object> result = seen.stream()
				.filter((m) -> "send".equals(m.get("id")) && "next".equals(m.get("type")))
				.findFirst()
				.orElseThrow();
			assertThat(result.get("payload").toString()).contains("over ws").contains("seq=1");
			boolean postedAlready = seen.stream()
				.anyMatch((m) -> "sub".equals(m.get("id"))
						&& "MessagePosted".equals(RoomEventsClient.roomEvents(m).get("__typename")));
			if (!postedAlready) {
				assertThat(events.messageSeqs(1)).containsExactly(1L);
			}
		}
	}

	private RoomEventsClient connect(TestUser user) {
		return new RoomEventsClient(URI.create(this.client.webSocketUri().toString()), user);
	}

	/**
	 * Wait until the subscription is live: the subscriber's own arrival (PresenceChanged)
	 * is the first event it sees, when {@code user} is the one arriving.
	 */
	private static void awaitSubscribed(RoomEventsClient events, TestUser user) {
		Map<String, Object> event = events.next("PresenceChanged");
		if (user != null) {
			assertThat(event).containsEntry("online", true).containsEntry("user", Map.of("username", user.username()));
		}
	}

}
