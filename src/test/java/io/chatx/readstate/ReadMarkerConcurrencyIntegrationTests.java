package io.chatx.readstate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends, markRead calls, leaves and joins of the same users racing over real HTTP: the
 * marker moves of sends and leaves take the room and membership locks in one order (no
 * deadlock, so no INTERNAL error), and no member's own message ever lies above their
 * marker, which the unread count relies on.
 */
@IntegrationTest
class ReadMarkerConcurrencyIntegrationTests {

	@Autowired
	DatabaseClient db;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void sendsMarksLeavesAndJoinsAtOnceKeepTheMarkersRight() {
		TestUser owner = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		List<TestUser> users = Flux.range(0, 12)
			.flatMap((i) -> Mono.fromCallable(this.client::register).subscribeOn(Schedulers.boundedElastic()), 6)
			.collectList()
			.block(TestSupport.TIMEOUT);
		users.forEach((user) -> this.fixtures.join(user, room));
		List<String> outcomes = Flux.fromIterable(users)
			.flatMap((user) -> Flux.range(0, 6).concatMap((round) -> switch (round % 3) {
				case 0 -> Flux.merge(send(user, room, round), markRead(user, room), send(user, room, round + 100));
				case 1 -> Flux.merge(send(user, room, round), leave(user, room), send(user, room, round + 100));
				default -> Flux.merge(join(user, room), send(user, room, round));
			}), 12)
			.collectList()
			.block(TestSupport.TIMEOUT.multipliedBy(3));
		// FORBIDDEN: a send that came after its author left.
		assertThat(outcomes).isNotEmpty().allSatisfy((outcome) -> assertThat(outcome).isIn("ok", "FORBIDDEN"));
		assertThat(ownMessagesAboveTheirMarker(room)).isZero();
		assertThat(this.db
			.sql("SELECT count(*) FROM rooms r WHERE r.id = :id AND r.member_count = "
					+ "(SELECT count(*) FROM memberships m WHERE m.room_id = r.id)")
			.bind("id", UUID.fromString(room))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT)).isOne();
	}

	private long ownMessagesAboveTheirMarker(String room) {
		return ChatFixtures.number(this.db, """
				SELECT count(*) FROM messages m
				JOIN memberships ms ON ms.room_id = m.room_id AND ms.user_id = m.author_id
				WHERE m.room_id = :id AND m.seq > ms.last_read_seq""", UUID.fromString(room));
	}

	private Mono<String> send(TestUser user, String room, int n) {
		return this.fixtures.reactive(user)
			.document(ChatFixtures.SEND)
			.variable("input", Map.of("roomId", room, "content", "message " + n))
			.execute()
			.map(ReadMarkerConcurrencyIntegrationTests::outcome);
	}

	private Mono<String> markRead(TestUser user, String room) {
		return this.fixtures.reactive(user)
			.document("mutation($id: ID!) { markRead(roomId: $id, seq: 1000000) { lastReadSeq } }")
			.variable("id", room)
			.execute()
			.map(ReadMarkerConcurrencyIntegrationTests::outcome);
	}

	private Mono<String> leave(TestUser user, String room) {
		return this.fixtures.reactive(user)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", room)
			.execute()
			.map(ReadMarkerConcurrencyIntegrationTests::outcome);
	}

	private Mono<String> join(TestUser user, String room) {
		return this.fixtures.reactive(user)
			.document(ChatFixtures.JOIN_ROOM)
			.variable("id", room)
			.execute()
			.map(ReadMarkerConcurrencyIntegrationTests::outcome);
	}

	private static String outcome(ClientGraphQlResponse response) {
		return response.getErrors().isEmpty() ? "ok" : ChatFixtures.code(response.getErrors().get(0));
	}

}
