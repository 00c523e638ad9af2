package io.chatx.account;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts over real HTTP: register, login, me, refresh, logout, and every bad input.
 */
@IntegrationTest
class AccountIntegrationTests {

	private static final String REGISTER = """
			mutation($u: String!, $e: String!, $p: String!) {
			  register(input: {username: $u, email: $e, password: $p}) { accessToken user { username } }
			}""";

	private static final String LOGIN = """
			mutation($l: String!, $p: String!) {
			  login(input: {login: $l, password: $p}) { accessToken refreshToken expiresAt user { id username } }
			}""";

	private static final String REFRESH = """
			mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }""";

	@Autowired
	JwtEncoder jwtEncoder;

	@Autowired
	DatabaseClient db;

	@Autowired
	ChatxClient client;

	@Test
	void registeredUserSeesThemselvesWithTheAccessToken() {
		TestUser alice = this.client.register();
		this.client.as(alice)
			.document("{ me { id username } }")
			.execute()
			.path("me.id")
			.entity(String.class)
			.isEqualTo(alice.id())
			.path("me.username")
			.entity(String.class)
			.isEqualTo(alice.username());
	}

	@Test
	void storesPasswordsWithBcryptOfCostTenOrMore() {
		TestUser user = this.client.register();
		String hash = this.db.sql("SELECT password_hash FROM users WHERE username = :u")
			.bind("u", user.username())
			.map((row) -> row.get(0, String.class))
			.one()
			.block(TestSupport.TIMEOUT);
		assertThat(hash).matches("^\\$2[aby]\\$(1[0-9]|[2-3][0-9])\\$.{53}$");
		assertThat(hash).doesNotContain(user.password());
	}

	@Test
	void accessTokenExpiresInFifteenMinutes() {
		TestUser user = this.client.register();
		String expiresAt = login(user.username(), user.password()).path("login.expiresAt").entity(String.class).get();
		Duration ttl = Duration.between(Instant.now(), OffsetDateTime.parse(expiresAt).toInstant());
		assertThat(ttl).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15).plusSeconds(5));
	}

	@Test
	void rejectsShortPasswordNamingTheField() {
		register(TestSupport.unique("short"), "x@example.com", "1234567").errors()
			.expect((e) -> code(e).equals("BAD_USER_INPUT") && e.getMessage().contains("password"))
			.verify();
	}

	@Test
	void rejectsTooLongPassword() {
		register(TestSupport.unique("long"), "x@example.com", "p".repeat(129)).errors()
			.expect((e) -> code(e).equals("BAD_USER_INPUT") && e.getMessage().contains("password"))
			.verify();
	}

	@Test
	void acceptsLongestPasswordAndChecksAllOfIt() {
		String name = TestSupport.unique("longest");
		String password = "p".repeat(127) + "1";
		register(name, name + "@example.com", password).errors().verify();
		login(name, "p".repeat(127) + "2").errors().expect((e) -> code(e).equals("INVALID_CREDENTIALS")).verify();
		login(name, password).errors().verify();
	}

	@Test
	void rejectsBadEmailNamingTheField() {
		register(TestSupport.unique("mail"), "not-an-email", "password123").errors()
			.expect((e) -> code(e).equals("BAD_USER_INPUT") && e.getMessage().contains("email"))
			.verify();
	}

	@Test
	void rejectsBadUsernames() {
		for (String bad : new String[] { "ab", "x".repeat(33), "has space", "bad/char", "émile" }) {
			register(bad, TestSupport.unique("m") + "@example.com", "password123").errors()
				.expect((e) -> code(e).equals("BAD_USER_INPUT") && e.getMessage().contains("username"))
				.verify();
		}
	}

	@Test
	void rejectsDuplicateUsernameInDifferentCase() {
		TestUser user = this.client.register();
		register(user.username().toUpperCase(), TestSupport.unique("other") + "@example.com", "password123").errors()
			.expect((e) -> code(e).equals("CONFLICT") && e.getMessage().contains("username"))
			.verify();
	}

	@Test
	void rejectsDuplicateEmailInDifferentCase() {
		TestUser user = this.client.register();
		register(TestSupport.unique("other"), (user.username() + "@example.com").toUpperCase(), "password123").errors()
			.expect((e) -> code(e).equals("CONFLICT") && e.getMessage().contains("email"))
			.verify();
	}

	@Test
	void answersTheSameForATakenUsernameAndATakenEmail() {
		TestUser user = this.client.register();
		List<String> messages = new ArrayList<>();
		register(user.username(), TestSupport.unique("other") + "@example.com", "password123").errors()
			.satisfy((errors) -> errors.forEach((e) -> messages.add(code(e) + " " + e.getMessage())));
		register(TestSupport.unique("other"), user.username() + "@example.com", "password123").errors()
			.satisfy((errors) -> errors.forEach((e) -> messages.add(code(e) + " " + e.getMessage())));
		assertThat(messages).hasSize(2).allMatch((m) -> m.startsWith("CONFLICT "));
		assertThat(messages.get(0)).isEqualTo(messages.get(1));
	}

	@Test
	void refusesUnicodeLookalikesOfATakenName() {
		TestUser user = this.client.register(TestSupport.unique("lookalike"));
		// U+0130 and the Kelvin sign fold to "i" and "k" in PostgreSQL: a username may
		// only hold ASCII letters, and an email that folds to a taken one is taken.
		register(user.username().replaceFirst("i", "\u0130"), TestSupport.unique("m") + "@example.com", "password123")
			.errors()
			.expect((e) -> code(e).equals("BAD_USER_INPUT") && e.getMessage().contains("username"))
			.verify();
		register(user.username().replaceFirst("k", "\u212a"), TestSupport.unique("m") + "@example.com", "password123")
			.errors()
			.expect((e) -> code(e).equals("BAD_USER_INPUT") && e.getMessage().contains("username"))
			.verify();
		register(TestSupport.unique("other"), user.username().replaceFirst("i", "\u0130") + "@example.com",
				"password123")
			.errors()
			.expect((e) -> code(e).equals("CONFLICT"))
			.verify();
	}

	@Test
	void logsInWithUsernameOrEmailInAnyCase() {
		TestUser user = this.client.register();
		login(user.username().toUpperCase(), user.password()).path("login.user.id")
			.entity(String.class)
			.isEqualTo(user.id());
		login(user.username() + "@EXAMPLE.com", user.password()).path("login.user.id")
			.entity(String.class)
			.isEqualTo(user.id());
	}

	@Test
	void rejectsWrongPasswordAndUnknownUserAlike() {
		TestUser user = this.client.register();
		login(user.username(), "wrong-password").errors().expect((e) -> code(e).equals("INVALID_CREDENTIALS")).verify();
		login(TestSupport.unique("nobody"), "wrong-password").errors()
			.expect((e) -> code(e).equals("INVALID_CREDENTIALS"))
			.verify();
	}

	@Test
	void meWithoutTokenIsUnauthenticated() {
		this.client.anonymous()
			.document("{ me { id } }")
			.execute()
			.errors()
			.expect((e) -> code(e).equals("UNAUTHENTICATED"))
			.verify();
	}

	@Test
	void expiredTokenIsUnauthenticatedWithJsonBody() {
		TestUser user = this.client.register();
		Instant past = Instant.now().minus(Duration.ofHours(1));
		String expired = sign(JwtClaimsSet.builder()
			.issuer("chatx")
			.subject(user.id())
			.issuedAt(past.minusSeconds(900))
			.expiresAt(past)
			.build());
		assertUnauthenticatedBody(expired);
	}

	@Test
	void tamperedTokenIsUnauthenticated() {
		TestUser user = this.client.register();
		String token = user.accessToken();
		char last = token.charAt(token.length() - 2);
		String tampered = token.substring(0, token.length() - 2) + ((last == 'A') ? 'B' : 'A')
				+ token.charAt(token.length() - 1);
		assertUnauthenticatedBody(tampered);
		// A changed claim with the old signature fails as well.
		String[] parts = token.split("\\.");
		String forgedClaims = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"iss\":\"chatx\",\"sub\":\"" + java.util.UUID.randomUUID() + "\",\"exp\":9999999999}")
				.getBytes());
		assertUnauthenticatedBody(parts[0] + "." + forgedClaims + "." + parts[2]);
	}

	@Test
	void garbageBearerIsUnauthenticated() {
		assertUnauthenticatedBody("garbage");
		assertUnauthenticatedBody("a.b.c");
	}

	@Test
	void tokenFromAnotherIssuerIsUnauthenticated() {
		TestUser user = this.client.register();
		String foreign = sign(JwtClaimsSet.builder()
			.issuer("someone-else")
			.subject(user.id())
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(600))
			.build());
		assertUnauthenticatedBody(foreign);
	}

	@Test
	void refreshGivesAWorkingNewPair() {
		TestUser user = this.client.register();
		GraphQlTester.Response response = refresh(user.refreshToken());
		String access = response.path("refreshToken.accessToken").entity(String.class).get();
		String next = response.path("refreshToken.refreshToken").entity(String.class).get();
		assertThat(next).isNotEqualTo(user.refreshToken());
		this.client.as(access)
			.document("{ me { id } }")
			.execute()
			.path("me.id")
			.entity(String.class)
			.isEqualTo(user.id());
		refresh(next).path("refreshToken.user.id").entity(String.class).isEqualTo(user.id());
	}

	@Test
	void rejectsSpentRefreshTokenAndRevokesTheWholeFamily() {
		TestUser user = this.client.register();
		String second = refresh(user.refreshToken()).path("refreshToken.refreshToken").entity(String.class).get();
		// Reusing the first (spent) token is detected ...
		refresh(user.refreshToken()).errors().expect((e) -> code(e).equals("UNAUTHENTICATED")).verify();
		// ... and revokes the token that was rotated from it too.
		refresh(second).errors().expect((e) -> code(e).equals("UNAUTHENTICATED")).verify();
		Long reuses = this.db
			.sql("SELECT count(*) FROM audit_events WHERE kind = 'REFRESH_TOKEN_REUSE' AND user_id = :u")
			.bind("u", java.util.UUID.fromString(user.id()))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
		assertThat(reuses).isEqualTo(1);
	}

	@Test
	void reuseRevokesOnlyThatSignIn() {
		TestUser user = this.client.register();
		String otherSignIn = login(user.username(), user.password()).path("login.refreshToken")
			.entity(String.class)
			.get();
		refresh(user.refreshToken()).errors().verify();
		refresh(user.refreshToken()).errors().expect((e) -> code(e).equals("UNAUTHENTICATED")).verify();
		refresh(otherSignIn).errors().verify();
	}

	@Test
	void rejectsUnknownRefreshToken() {
		refresh("no-such-token").errors().expect((e) -> code(e).equals("UNAUTHENTICATED")).verify();
	}

	@Test
	void logoutRevokesTheRefreshToken() {
		TestUser user = this.client.register();
		this.client.as(user)
			.document("mutation($t: String!) { logout(refreshToken: $t) }")
			.variable("t", user.refreshToken())
			.execute()
			.path("logout")
			.entity(Boolean.class)
			.isEqualTo(true);
		refresh(user.refreshToken()).errors().expect((e) -> code(e).equals("UNAUTHENTICATED")).verify();
	}

	@Test
	void logoutNeedsAToken() {
		this.client.anonymous()
			.document("mutation { logout(refreshToken: \"x\") }")
			.execute()
			.errors()
			.expect((e) -> code(e).equals("UNAUTHENTICATED"))
			.verify();
	}

	@Test
	void auditsRegistrationAndSignIns() {
		TestUser user = this.client.register();
		login(user.username(), user.password()).errors().verify();
		login(user.username(), "wrong-password").errors().expect((e) -> true).verify();
		Map<String, Long> kinds = new java.util.HashMap<>();
		this.db.sql("SELECT kind, count(*) AS n FROM audit_events WHERE subject = :s OR user_id = :u GROUP BY kind")
			.bind("s", user.username())
			.bind("u", java.util.UUID.fromString(user.id()))
			.map((row) -> Map.entry(row.get("kind", String.class), row.get("n", Long.class)))
			.all()
			.doOnNext((e) -> kinds.put(e.getKey(), e.getValue()))
			.blockLast(TestSupport.TIMEOUT);
		assertThat(kinds).containsEntry("REGISTER", 1L).containsEntry("LOGIN_OK", 1L).containsEntry("LOGIN_FAILED", 1L);
	}

	private GraphQlTester.Response register(String username, String email, String password) {
		return this.client.anonymous()
			.document(REGISTER)
			.variable("u", username)
			.variable("e", email)
			.variable("p", password)
			.execute();
	}

	private GraphQlTester.Response login(String login, String password) {
		return this.client.anonymous().document(LOGIN).variable("l", login).variable("p", password).execute();
	}

	private GraphQlTester.Response refresh(String token) {
		return this.client.anonymous().document(REFRESH).variable("t", token).execute();
	}

	private String sign(JwtClaimsSet claims) {
		return this.jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private void assertUnauthenticatedBody(String token) {
		this.client.http()
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.bodyValue("{\"query\":\"{ me { id } }\"}")
			.exchange()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED")
			.jsonPath("$.data.me")
			.doesNotExist();
	}

	static String code(org.springframework.graphql.ResponseError error) {
		return String.valueOf(error.getExtensions().get("code"));
	}

}
