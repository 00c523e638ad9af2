package io.chatx.message;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;
import io.chatx.support.TightRateLimits;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending and changing messages are limited per user (three an hour each here); a refused
 * send uses no seq, a refused change no change number.
 */
@IntegrationTest
@TightRateLimits
class MessageRateLimitIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Test
	void refusesSendsBeyondTheLimitWithoutUsingASeq() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String room = this.fixtures.publicRoom(alice);
		this.fixtures.join(bob, room);
		for (int i = 1; i <= 3; i++) {
			assertThat(this.fixtures.send(alice, room, "message " + i)).isEqualTo(i);
		}
		expectError(this.fixtures.send(alice, room, "one too many", null), "RATE_LIMITED");
		expectError(this.fixtures.send(alice, this.fixtures.publicRoom(alice), "elsewhere", null), "RATE_LIMITED");
		// Limits are per user: bob still sends, and gets the next seq.
		assertThat(this.fixtures.send(bob, room, "my turn")).isEqualTo(4);
	}

	@Test
	void refusesChangesBeyondTheLimitWithoutUsingAChangeNumber() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String room = this.fixtures.publicRoom(alice);
		this.fixtures.join(bob, room);
		Lifecycle lifecycle = new Lifecycle(this.client, this.db);
		String id = lifecycle.post(alice, room, "limited");
		// Edits, deletions and reactions share one allowance.
		lifecycle.edit(alice, id, "edited").errors().verify();
		lifecycle.add(alice, id, "👍").errors().verify();
		lifecycle.remove(alice, id, "👍").errors().verify();
		expectError(lifecycle.add(alice, id, "🎉"), "RATE_LIMITED");
		expectError(lifecycle.edit(alice, id, "again"), "RATE_LIMITED");
		expectError(lifecycle.delete(alice, id), "RATE_LIMITED");
		assertThat(lifecycle.lastChange(room)).isEqualTo(4);
		// Per user, and apart from sending: bob still reacts, alice still posts.
		lifecycle.add(bob, id, "🎉").errors().verify();
		assertThat(this.fixtures.send(alice, room, "still posting")).isEqualTo(2);
		assertThat(lifecycle.lastChange(room)).isEqualTo(6);
	}

	@Test
	void rejectedInputDoesNotUseTheAllowance() {
		TestUser alice = this.client.register();
		String room = this.fixtures.publicRoom(alice);
		for (int i = 0; i < 5; i++) {
			expectError(this.fixtures.send(alice, room, "   ", null), "BAD_USER_INPUT");
		}
		for (int i = 1; i <= 3; i++) {
			assertThat(this.fixtures.send(alice, room, "message " + i)).isEqualTo(i);
		}
	}

}
