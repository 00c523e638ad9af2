package io.chatx.live;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RoomEventsClient;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ReadMarkerChanged over a real WebSocket: a member's markRead reaches the room's members
 * that hold roomEvents, at most one per second with the latest marker, and never a
 * subscriber who is not a member at that moment (a public room's roomEvents is open to
 * anyone).
 */
@IntegrationTest
class ReadMarkerChangedIntegrationTests {

	private static final String EVENTS = """
			subscription($id: ID!) {
			  roomEvents(roomId: $id) {
			    __typename
			    ... on MessagePosted { message { seq content } }
			    ... on MemberJoined { user { username } }
			    ... on MemberLeft { user { username } }
			    ... on PresenceChanged { online user { username } }
			    ... on ReadMarkerChanged { roomId user { id username } lastReadSeq at }
			  }
			}""";

	private static final String MARK_READ = """
			mutation($id: ID!, $seq: Long!) { markRead(roomId: $id, seq: $seq) { lastReadSeq } }""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	TestUser alice;

	TestUser carol;

	String room;

	@BeforeEach
	void setUp() {
		this.alice = this.client.register();
		this.carol = this.client.register();
		this.room = this.fixtures.publicRoom(this.alice);
		this.fixtures.join(this.carol, this.room);
	}

	@Test
	void threeMovesWithinASecondGiveAtMostTwoEventsTheLastWithTheFinalMarker() {
		for (int i = 1; i <= 3; i++) {
			this.fixtures.send(this.alice, this.room, "m" + i);
		}
		try (RoomEventsClient events = subscribe(this.alice)) {
			markRead(this.carol, 1);
			markRead(this.carol, 2);
			markRead(this.carol, 3);
			List<Map<String, Object>> markers = new ArrayList<>();
			while (markers.isEmpty() || marker(markers.get(markers.size() - 1)) != 3) {
				markers.add(events.next("ReadMarkerChanged"));
			}
			assertThat(markers).hasSizeLessThanOrEqualTo(2);
			assertThat(marker(markers.get(0))).isEqualTo(1);
			assertThat(markers.get(0)).containsEntry("roomId", this.room)
				.containsEntry("user", Map.of("id", this.carol.id(), "username", this.carol.username()))
				.containsKey("at");
			// Nothing more comes for those moves: the next event is the sentinel.
			this.fixtures.send(this.alice, this.room, "sentinel");
			assertThat(typesUntil(events, "sentinel")).doesNotContain("ReadMarkerChanged");
		}
	}

	@Test
	void onlyMembersGetReadMarkers() {
		TestUser dave = this.client.register();
		this.fixtures.send(this.alice, this.room, "one");
		try (RoomEventsClient member = subscribe(this.alice); RoomEventsClient outsider = subscribe(dave)) {
			markRead(this.carol, 1);
			assertThat(marker(member.next("ReadMarkerChanged"))).isEqualTo(1);
			this.fixtures.send(this.alice, this.room, "first sentinel");
			assertThat(typesUntil(outsider, "first sentinel")).doesNotContain("ReadMarkerChanged");

			this.fixtures.join(dave, this.room);
			assertThat(outsider.next("MemberJoined")).containsEntry("user", Map.of("username", dave.username()));
			markRead(this.carol, 2);
			assertThat(marker(outsider.next("ReadMarkerChanged"))).isEqualTo(2);
			assertThat(marker(member.next("ReadMarkerChanged"))).isEqualTo(2);

			this.client.as(dave)
				.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
				.variable("id", this.room)
				.execute()
				.path("leaveRoom")
				.entity(Boolean.class)
				.isEqualTo(true);
			assertThat(outsider.next("MemberLeft")).containsEntry("user", Map.of("username", dave.username()));
			this.fixtures.send(this.alice, this.room, "three");
			markRead(this.carol, 3);
			assertThat(marker(member.next("ReadMarkerChanged"))).isEqualTo(3);
			this.fixtures.send(this.alice, this.room, "second sentinel");
			assertThat(typesUntil(outsider, "second sentinel")).doesNotContain("ReadMarkerChanged");
		}
	}

	private RoomEventsClient subscribe(TestUser user) {
		RoomEventsClient events = new RoomEventsClient(URI.create(this.client.webSocketUri().toString()), user);
		Map<String, Object> variables = new HashMap<>();
		variables.put("id", this.room);
		events.socket.subscribe("1", EVENTS, variables);
		// Live once the subscriber's own arrival comes.
		for (;;) {
			Map<String, Object> presence = events.next("PresenceChanged");
			if (presence.get("user").equals(Map.of("username", user.username()))) {
				return events;
			}
		}
	}

	private void markRead(TestUser user, long seq) {
		this.client.as(user)
			.document(MARK_READ)
			.variable("id", this.room)
			.variable("seq", seq)
			.execute()
			.errors()
			.verify();
	}

	// The types of the events up to the message with this content.
	@SuppressWarnings("unchecked")
	private static List<Object> typesUntil(RoomEventsClient events, String content) {
		List<Object> types = new ArrayList<>();
		for (;;) {
			Map<String, Object> event = events.nextEvent();
			if ("MessagePosted".equals(event.get("__typename"))
					&& content.equals(((Map<String, Object>) event.get("message")).get("content"))) {
				return types;
			}
			types.add(event.get("__typename"));
		}
	}

	private static long marker(Map<String, Object> event) {
		return ((Number) event.get("lastReadSeq")).longValue();
	}

}
