package io.chatx.room;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;
import io.chatx.support.TightServerLimits;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating direct rooms is limited per user (three an hour here); opening one that exists
 * is not, and a refused creation leaves no room behind.
 */
@IntegrationTest
@TightServerLimits
class DirectRoomRateLimitIntegrationTests {

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Test
	void creatingDirectRoomsIsRateLimitedPerUserReopeningIsNot() {
		TestUser alice = this.client.register();
		TestUser[] peers = new TestUser[4];
		for (int i = 0; i < peers.length; i++) {
			peers[i] = this.client.register();
		}
		String first = id(open(alice, peers[0]));
		id(open(alice, peers[1]));
		id(open(alice, peers[2]));

		ChatFixtures.expectError(open(alice, peers[3]), "RATE_LIMITED");
		assertThat(roomsOfPair(alice, peers[3])).isZero();
		// Opening an existing one takes nothing.
		assertThat(id(open(alice, peers[0]))).isEqualTo(first);
		assertThat(id(open(peers[0], alice))).isEqualTo(first);
		// The other user creates it from their own allowance.
		String created = id(open(peers[3], alice));
		assertThat(id(open(alice, peers[3]))).isEqualTo(created);
	}

	private GraphQlTester.Response open(TestUser caller, TestUser peer) {
		return this.client.as(caller).document(DirectRoomIntegrationTests.OPEN).variable("userId", peer.id()).execute();
	}

	private static String id(GraphQlTester.Response response) {
		return response.errors().verify().path("openDirectRoom.id").entity(String.class).get();
	}

	private long roomsOfPair(TestUser a, TestUser b) {
		return this.db.sql("""
				SELECT count(*) FROM rooms WHERE direct_low = least(:a, :b) AND direct_high = greatest(:a, :b)""")
			.bind("a", UUID.fromString(a.id()))
			.bind("b", UUID.fromString(b.id()))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
	}

}
