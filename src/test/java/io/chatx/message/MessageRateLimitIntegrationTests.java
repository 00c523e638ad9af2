package io.chatx.message;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;
import io.chatx.support.TightRateLimits;

import org.springframework.beans.factory.annotation.Autowired;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending is limited per user (three an hour here); a refused send uses no seq.
 */
@IntegrationTest
@TightRateLimits
class MessageRateLimitIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

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
