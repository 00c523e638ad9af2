package io.chatx.room;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who is online in a private room, and how far its conversation has gone, are for its
 * members: others see an empty list, 0 and 0.
 */
@IntegrationTest
class PrivateRoomVisibilityIntegrationTests {

	private static final String ROOM = """
			query($id: ID!) { room(id: $id) { joined onlineCount online { username } lastSeq } }""";

	private static final String ROOMS = """
			query($search: String) { rooms(search: $search) { edges { node { onlineCount online { username } lastSeq } } } }""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void nonMembersOfAPrivateRoomSeeNobodyOnlineAndNoLastSeq() {
		TestUser owner = this.client.register();
		TestUser member = this.client.register();
		TestUser stranger = this.client.register();
		String name = TestSupport.unique("hidden");
		String room = this.fixtures.createRoom(owner, Map.of("name", name, "private", true, "password", "sesame"));
		this.fixtures.join(member, room, "sesame");
		this.fixtures.send(owner, room, "one");
		this.fixtures.send(owner, room, "two");
		try (RawWebSocket live = RawWebSocket.connectAs(this.client.webSocketUri(), owner)) {
			live.subscribe("1", "subscription($id: ID!) { roomEvents(roomId: $id) { __typename } }",
					Map.of("id", room));
			// A member sees who is online, and the newest seq.
			await().atMost(TestSupport.TIMEOUT).until(() -> room(member, room).get("onlineCount").equals(1));
			assertThat(room(member, room)).containsEntry("online", List.of(Map.of("username", owner.username())))
				.containsEntry("lastSeq", 2);
			// Someone else sees the room, not inside it.
			assertThat(room(stranger, room)).containsEntry("joined", false)
				.containsEntry("onlineCount", 0)
				.containsEntry("online", List.of())
				.containsEntry("lastSeq", 0);
			assertThat(this.client.as(stranger)
				.document(ROOMS)
				.variable("search", name)
				.execute()
				.path("rooms.edges[0].node")
				.entity(Map.class)
				.get()).containsEntry("onlineCount", 0).containsEntry("online", List.of()).containsEntry("lastSeq", 0);
		}
	}

	@Test
	void anyoneSeesWhoIsOnlineInAPublicRoom() {
		TestUser owner = this.client.register();
		TestUser stranger = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		this.fixtures.send(owner, room, "one");
		try (RawWebSocket live = RawWebSocket.connectAs(this.client.webSocketUri(), owner)) {
			live.subscribe("1", "subscription($id: ID!) { roomEvents(roomId: $id) { __typename } }",
					Map.of("id", room));
			await().atMost(TestSupport.TIMEOUT).until(() -> room(stranger, room).get("onlineCount").equals(1));
			assertThat(room(stranger, room)).containsEntry("online", List.of(Map.of("username", owner.username())))
				.containsEntry("lastSeq", 1);
		}
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> room(TestUser viewer, String id) {
		return this.client.as(viewer).document(ROOM).variable("id", id).execute().path("room").entity(Map.class).get();
	}

}
