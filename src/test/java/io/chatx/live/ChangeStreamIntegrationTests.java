package io.chatx.live;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.chatx.common.OpaqueCursor;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change stream over real WebSockets while many users post, edit, delete and react at
 * once: every subscriber gets every change once, in change order, and what it applied is
 * what messages() shows; resuming from an event's cursor, a part 1 cursor or a history
 * page's cursors ends in the same state.
 */
@IntegrationTest
class ChangeStreamIntegrationTests {

	private static final int WRITERS = 20;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Test
	void everySubscriberAppliesEveryChangeOnceInOrderAndEndsWithWhatMessagesShows() throws Exception {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		ChangeMakers makers = new ChangeMakers(room, writers(room));
		List<AppliedStream> subscribers = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				subscribers.add(subscribe(this.client.register(), room, null, Map.of()).awaitLive());
			}
			makers.run(10, (u) -> this.client).block(TestSupport.TIMEOUT.multipliedBy(3));
			long last = fence(makers, owner, room);
			Map<String, Map<String, Object>> expected = ChangeMakers.messages(this.client, owner, room);
			assertThat(expected).hasSizeGreaterThan(WRITERS);
			assertThat(this.db.sql("SELECT DISTINCT kind FROM room_changes WHERE room_id = :id")
				.bind("id", UUID.fromString(room))
				.map((row) -> row.get(0, String.class))
				.all()
				.collectList()
				.block(TestSupport.TIMEOUT)).as("kinds of changes made")
				.containsExactlyInAnyOrder("POSTED", "EDITED", "DELETED", "REACTION_ADDED", "REACTION_REMOVED");
			for (AppliedStream subscriber : subscribers) {
				assertThat(subscriber.applyThrough(last).state()).isEqualTo(expected);
			}
		}
		finally {
			subscribers.forEach(AppliedStream::close);
		}
	}

	@Test
	void resumingFromAnEventsCursorOrAPart1CursorEndsWithWhatMessagesShows() throws Exception {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		ChangeMakers makers = new ChangeMakers(room, writers(room));
		TestUser reader = this.client.register();
		TestUser otherReader = this.client.register();
		AppliedStream first = subscribe(reader, room, null, Map.of()).awaitLive();
		AppliedStream second = subscribe(otherReader, room, null, Map.of()).awaitLive();
		CompletableFuture<Void> changing = makers.run(15, (u) -> this.client).toFuture();
		// Leave in the middle of the stream; come back from the last event's cursor, or
		// from a part 1 cursor (room, seq) of the last message seen.
		first.apply(60);
		first.close();
		second.apply(40);
		while (!"MessagePosted".equals(second.lastType())) {
			second.apply(1);
		}
		second.close();
		String part1 = OpaqueCursor.encode("m1", UUID.fromString(room), second.lastPostedSeq());
		try (AppliedStream resumed = subscribe(reader, room, first.cursor(), first.state());
				AppliedStream resumedPart1 = subscribe(otherReader, room, part1, second.state())) {
			changing.get(TestSupport.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
			long last = fence(makers, owner, room);
			Map<String, Map<String, Object>> expected = ChangeMakers.messages(this.client, owner, room);
			assertThat(resumed.applyThrough(last).state()).isEqualTo(expected);
			assertThat(resumedPart1.applyThrough(last).state()).isEqualTo(expected);
		}
	}

	@Test
	void resumingFromAHistoryPagesCursorsEndsWithWhatMessagesShows() throws Exception {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		ChangeMakers makers = new ChangeMakers(room, writers(room));
		makers.run(3, (u) -> this.client).block(TestSupport.TIMEOUT.multipliedBy(3));
		CompletableFuture<Void> changing = makers.run(15, (u) -> this.client).toFuture();
		// Read a page while others change the room; resume from its end, or from an edge
		// in its middle, knowing the messages up to there as the page showed them.
		TestUser reader = this.client.register();
		Map<String, Object> page = ChangeMakers.history(this.client, reader, room, 20, null);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> edges = (List<Map<String, Object>>) page.get("edges");
		assertThat(edges).hasSize(20);
		String endCursor = (String) ((Map<?, ?>) page.get("pageInfo")).get("endCursor");
		String edgeCursor = (String) edges.get(7).get("cursor");
		try (AppliedStream fromEnd = subscribe(reader, room, endCursor, known(edges, 20));
				AppliedStream fromEdge = subscribe(reader, room, edgeCursor, known(edges, 8))) {
			changing.get(TestSupport.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
			long last = fence(makers, owner, room);
			Map<String, Map<String, Object>> expected = ChangeMakers.messages(this.client, owner, room);
			assertThat(fromEnd.applyThrough(last).state()).isEqualTo(expected);
			assertThat(fromEdge.applyThrough(last).state()).isEqualTo(expected);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> known(List<Map<String, Object>> edges, int count) {
		Map<String, Map<String, Object>> known = new LinkedHashMap<>();
		for (Map<String, Object> edge : edges.subList(0, count)) {
			Map<String, Object> node = (Map<String, Object>) edge.get("node");
			known.put((String) node.get("id"), node);
		}
		return known;
	}

	private List<TestUser> writers(String room) {
		List<TestUser> writers = new ArrayList<>();
		for (int i = 0; i < WRITERS; i++) {
			TestUser writer = this.client.register();
			this.fixtures.join(writer, room);
			writers.add(writer);
		}
		return writers;
	}

	/** Post once more after everything else; the room's change number then. */
	private long fence(ChangeMakers makers, TestUser owner, String room) {
		makers.post(this.client, owner, "fence");
		return ChatFixtures.number(this.db, "SELECT last_change FROM rooms WHERE id = :id", UUID.fromString(room));
	}

	private AppliedStream subscribe(TestUser user, String room, String after, Map<String, Map<String, Object>> state) {
		return new AppliedStream(URI.create(this.client.webSocketUri().toString()), user, room, after, state);
	}

}
