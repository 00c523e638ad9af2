package io.chatx.room;

import java.time.Duration;
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
 * Joins racing each other over real HTTP: the member cap and the member count hold.
 */
@IntegrationTest
class RoomConcurrencyIntegrationTests {

	@Autowired
	DatabaseClient db;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void fiftySimultaneousJoinsLeaveACapOfTenExactlyFull() {
		TestUser owner = this.client.register();
		String id = this.fixtures.createRoom(owner, Map.of("name", TestSupport.unique("cap10"), "maxMembers", 10));
		List<TestUser> joiners = register(50);

		long started = System.nanoTime();
		List<String> outcomes = Flux.fromIterable(joiners)
			.flatMap((user) -> join(user, id), 50)
			.collectList()
			.block(TestSupport.TIMEOUT);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		// The creator holds one of the ten seats.
		assertThat(outcomes).filteredOn("ok"::equals).hasSize(9);
		assertThat(outcomes).filteredOn("ROOM_FULL"::equals).hasSize(41);
		assertThat(memberships(id)).isEqualTo(10);
		assertThat(memberCount(id)).isEqualTo(10);
		System.out.println("50 concurrent joins against maxMembers 10 took " + took.toMillis() + " ms");
	}

	@Test
	void oneUserJoiningManyTimesAtOnceIsCountedOnce() {
		TestUser owner = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.publicRoom(owner);
		List<String> outcomes = Flux.range(0, 10)
			.flatMap((i) -> join(bob, id), 10)
			.collectList()
			.block(TestSupport.TIMEOUT);
		assertThat(outcomes).containsOnly("ok");
		assertThat(memberships(id)).isEqualTo(2);
		assertThat(memberCount(id)).isEqualTo(2);
	}

	@Test
	void joinsAndLeavesAtOnceKeepTheCountRight() {
		TestUser owner = this.client.register();
		String id = this.fixtures.publicRoom(owner);
		List<TestUser> users = register(20);
		users.subList(0, 10).forEach((user) -> this.fixtures.join(user, id));
		// The first ten leave while the other ten join.
		List<String> outcomes = Flux.fromIterable(users)
			.flatMap((user) -> (users.indexOf(user) < 10) ? leave(user, id) : join(user, id), 20)
			.collectList()
			.block(TestSupport.TIMEOUT);
		assertThat(outcomes).hasSize(20).containsOnly("ok");
		assertThat(memberships(id)).isEqualTo(11);
		assertThat(memberCount(id)).isEqualTo(11);
	}

	// Each leave locks the room row, then changes the membership and the count in a
	// statement of its own: leaves that locked and updated the row in one statement
	// deadlocked on it when several came at once while sends moved the row on.
	@Test
	void manyLeavesAtOnceWhileMessagesFlowAllSucceed() {
		TestUser owner = this.client.register();
		String id = this.fixtures.publicRoom(owner);
		List<TestUser> users = register(30);
		for (int round = 0; round < 3; round++) {
			Flux.fromIterable(users).concatMap((user) -> join(user, id)).collectList().block(TestSupport.TIMEOUT);
			Flux<String> sends = Flux.range(0, 30).flatMap((n) -> send(owner, id, n), 30);
			List<String> outcomes = Flux.merge(Flux.fromIterable(users).flatMap((user) -> leave(user, id), 30), sends)
				.collectList()
				.block(TestSupport.TIMEOUT);
			assertThat(outcomes).hasSize(60).containsOnly("ok");
			assertThat(memberships(id)).isOne();
			assertThat(memberCount(id)).isOne();
		}
	}

	private List<TestUser> register(int count) {
		return Flux.range(0, count)
			.flatMap((i) -> Mono.fromCallable(this.client::register).subscribeOn(Schedulers.boundedElastic()), 8)
			.collectList()
			.block(TestSupport.TIMEOUT);
	}

	private Mono<String> join(TestUser user, String roomId) {
		return this.fixtures.reactive(user)
			.document(ChatFixtures.JOIN_ROOM)
			.variable("id", roomId)
			.execute()
			.map(RoomConcurrencyIntegrationTests::outcome);
	}

	private Mono<String> send(TestUser user, String roomId, int n) {
		return this.fixtures.reactive(user)
			.document(ChatFixtures.SEND)
			.variable("input", Map.of("roomId", roomId, "content", "message " + n))
			.execute()
			.map(RoomConcurrencyIntegrationTests::outcome);
	}

	private Mono<String> leave(TestUser user, String roomId) {
		return this.fixtures.reactive(user)
			.document("mutation($id: ID!) { leaveRoom(roomId: $id) }")
			.variable("id", roomId)
			.execute()
			.map(RoomConcurrencyIntegrationTests::outcome);
	}

	private static String outcome(ClientGraphQlResponse response) {
		return response.getErrors().isEmpty() ? "ok" : ChatFixtures.code(response.getErrors().get(0));
	}

	private long memberships(String roomId) {
		return ChatFixtures.number(this.db, "SELECT count(*) FROM memberships WHERE room_id = :id",
				UUID.fromString(roomId));
	}

	private int memberCount(String roomId) {
		return this.db.sql("SELECT member_count FROM rooms WHERE id = :id")
			.bind("id", UUID.fromString(roomId))
			.map((row) -> row.get(0, Integer.class))
			.one()
			.block(TestSupport.TIMEOUT);
	}

}
