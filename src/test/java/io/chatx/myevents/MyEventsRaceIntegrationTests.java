package io.chatx.myevents;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;

import static io.chatx.myevents.MyEventsClient.message;
import static io.chatx.myevents.MyEventsClient.room;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams that start while messages flow (their state read races the posts) count
 * exactly: after the flow, each stream's unread count is the one a fresh query gives.
 */
@IntegrationTest
class MyEventsRaceIntegrationTests {

	private static final int CLIENTS = 20;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	MyEventsHub hub;

	@Test
	void streamsOpenedWhileMessagesFlowEndWithTheUnreadCountOfAFreshQuery() {
		TestUser ann = this.client.register();
		String room = this.fixtures.publicRoom(ann);
		List<TestUser> readers = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			TestUser reader = this.client.register();
			this.fixtures.join(reader, room);
			readers.add(reader);
		}
		// Some readers write too: their own messages reset their count.
		AtomicBoolean flowing = new AtomicBoolean(true);
		Mono<Void> flow = Flux.range(0, Integer.MAX_VALUE)
			.takeWhile((i) -> flowing.get())
			.concatMap((i) -> Mono.fromRunnable(() -> {
				TestUser author = (i % 5 == 0) ? readers.get(i % CLIENTS) : ann;
				this.fixtures.send(author, room, "m" + i);
			}).subscribeOn(Schedulers.boundedElastic()))
			.then()
			.cache();
		flow.subscribe();
		List<MyEventsClient> streams = new ArrayList<>();
		URI uri = URI.create(this.client.webSocketUri().toString());
		try {
			for (TestUser reader : readers) {
				streams.add(MyEventsClient.open(uri, reader, this.hub));
			}
			for (TestUser reader : readers) {
				MyEventsClient.awaitTracked(this.hub, reader, room);
			}
			flowing.set(false);
			flow.block(Duration.ofSeconds(60));
			long last = this.fixtures.send(ann, room, "last");
			for (int i = 0; i < CLIENTS; i++) {
				Map<String, Object> activity = lastActivity(streams.get(i), last);
				assertThat(((Number) room(activity).get("unreadCount")).longValue()).as("unread count of reader %d", i)
					.isEqualTo(unreadCount(readers.get(i), room));
			}
		}
		finally {
			streams.forEach(MyEventsClient::close);
		}
	}

	// The activity of message `seq`, skipping those before it.
	private static Map<String, Object> lastActivity(MyEventsClient stream, long seq) {
		for (;;) {
			Map<String, Object> event = stream.next();
			if ("RoomActivity".equals(event.get("__typename"))
					&& ((Number) message(event).get("seq")).longValue() == seq) {
				return event;
			}
		}
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

}
