package io.chatx.security;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an access token must be to count, over HTTP and at WebSocket
 * {@code connection_init}: one that expires, of a user that exists; and logout revokes
 * only the caller's own sign-in.
 */
@IntegrationTest
class TokenRulesIntegrationTests {

	private static final String LOGOUT = "mutation($t: String!) { logout(refreshToken: $t) }";

	private static final String REFRESH = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }";

	@Autowired
	ChatxClient client;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	JwtEncoder jwtEncoder;

	@Autowired
	DatabaseClient db;

	@Test
	void tokenWithoutExpiryIsRefused() {
		TestUser user = this.client.register();
		String forever = sign(JwtClaimsSet.builder()
			.issuer("chatx")
			.subject(user.id())
			.claim("username", user.username())
			.issuedAt(Instant.now())
			.build());
		assertUnauthenticated(forever, "{ me { id } }");
		assertThat(closeCodeAfterInit(forever)).isEqualTo(4401);
	}

	@Test
	void tokenOfADeletedUserIsUnauthenticatedEverywhere() {
		TestUser owner = this.client.register();
		TestUser gone = this.client.register();
		String room = this.fixtures.publicRoom(owner);
		this.fixtures.join(gone, room);
		deleteUser(gone);
		String token = gone.accessToken();
		assertUnauthenticated(token, "{ me { id } }");
		assertUnauthenticated(token,
				"mutation { createRoom(input: {name: \\\"" + TestSupport.unique("orphan") + "\\\"}) { id } }");
		assertUnauthenticated(token, "mutation { joinRoom(roomId: \\\"" + room + "\\\") { id } }");
		assertUnauthenticated(token,
				"mutation { sendMessage(input: {roomId: \\\"" + room + "\\\", content: \\\"hi\\\"}) { id } }");
		assertUnauthenticated(token, "{ rooms { edges { node { id } } } }");
		assertThat(closeCodeAfterInit(token)).isEqualTo(4401);
	}

	@Test
	void connectionOfAUserDeletedSinceCannotCreateRooms() {
		TestUser gone = this.client.register();
		try (RawWebSocket socket = RawWebSocket.connectAs(this.client.webSocketUri(), gone)) {
			deleteUser(gone);
			socket.subscribe("1", "mutation($input: CreateRoomInput!) { createRoom(input: $input) { id } }",
					Map.of("input", Map.of("name", TestSupport.unique("orphan"))));
			Map<String, Object> answer = socket.expect("next");
			assertThat(answer.get("payload").toString()).contains("code=UNAUTHENTICATED");
		}
	}

	@Test
	void logoutWithSomeoneElsesRefreshTokenRevokesNothing() {
		TestUser owner = this.client.register();
		TestUser other = this.client.register();
		this.client.as(other)
			.document(LOGOUT)
			.variable("t", owner.refreshToken())
			.execute()
			.path("logout")
			.entity(Boolean.class)
			.isEqualTo(false);
		// The owner's sign-in still works.
		String next = this.client.anonymous()
			.document("mutation($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }")
			.variable("t", owner.refreshToken())
			.execute()
			.path("refreshToken.refreshToken")
			.entity(String.class)
			.get();
		// Its owner may revoke it.
		this.client.as(owner)
			.document(LOGOUT)
			.variable("t", next)
			.execute()
			.path("logout")
			.entity(Boolean.class)
			.isEqualTo(true);
		ChatFixtures.expectError(this.client.anonymous().document(REFRESH).variable("t", next).execute(),
				"UNAUTHENTICATED");
	}

	private void deleteUser(TestUser user) {
		this.db.sql("DELETE FROM users WHERE id = :id")
			.bind("id", UUID.fromString(user.id()))
			.then()
			.block(TestSupport.TIMEOUT);
	}

	private String sign(JwtClaimsSet claims) {
		return this.jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	// The document goes into a JSON string as it is: quotes in it come escaped.
	private void assertUnauthenticated(String token, String document) {
		this.client.http()
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.bodyValue("{\"query\":\"" + document + "\"}")
			.exchange()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED")
			.jsonPath("$.data")
			.doesNotExist();
	}

	private int closeCodeAfterInit(String token) {
		try (RawWebSocket socket = RawWebSocket.connect(this.client.webSocketUri())) {
			socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
			return socket.awaitClose(TestSupport.TIMEOUT).getCode();
		}
	}

}
