package io.chatx.room;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;
import io.chatx.support.TightRateLimits;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static io.chatx.support.ChatFixtures.expectError;

/**
 * Password attempts on private rooms are limited per user and room (three an hour here),
 * so that a room password cannot be guessed at speed.
 */
@IntegrationTest
@TightRateLimits
class RoomPasswordRateLimitIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Test
	void refusesPasswordAttemptsBeyondTheLimitEvenWithTheRightPassword() {
		TestUser owner = this.client.register();
		TestUser mallory = this.client.register();
		String id = this.fixtures.privateRoom(owner, "open-sesame");
		for (int i = 0; i < 3; i++) {
			expectError(join(mallory, id, "guess-" + i), "WRONG_ROOM_PASSWORD");
		}
		expectError(join(mallory, id, "guess-3"), "RATE_LIMITED");
		expectError(join(mallory, id, "open-sesame"), "RATE_LIMITED");
	}

	@Test
	void limitsEachUserAndRoomOnItsOwn() {
		TestUser owner = this.client.register();
		TestUser mallory = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.privateRoom(owner, "open-sesame");
		String other = this.fixtures.privateRoom(owner, "other-secret");
		for (int i = 0; i < 3; i++) {
			expectError(join(mallory, id, "guess-" + i), "WRONG_ROOM_PASSWORD");
		}
		expectError(join(mallory, id, "open-sesame"), "RATE_LIMITED");
		join(mallory, other, "other-secret").errors().verify();
		join(bob, id, "open-sesame").errors().verify();
	}

	@Test
	void membersAndPublicRoomsAreNotLimited() {
		TestUser owner = this.client.register();
		TestUser bob = this.client.register();
		String id = this.fixtures.privateRoom(owner, "open-sesame");
		String open = this.fixtures.publicRoom(owner);
		join(bob, id, "open-sesame").errors().verify();
		for (int i = 0; i < 5; i++) {
			join(bob, id, null).errors().verify();
			join(bob, open, null).errors().verify();
		}
	}

	private GraphQlTester.Response join(TestUser user, String id, String password) {
		return this.client.as(user)
			.document(ChatFixtures.JOIN_ROOM)
			.variable("id", id)
			.variable("password", password)
			.execute();
	}

}
