package io.chatx.account;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in and registration limits, per account and per client address. The client address
 * comes from X-Forwarded-For here (forward headers are trusted in this context only), so
 * each test has addresses of its own.
 */
@IntegrationTest
@TestPropertySource(properties = { "server.forward-headers-strategy=framework",
		"chatx.rate-limits.login-per-name.capacity=3", "chatx.rate-limits.login-per-name.refill=3",
		"chatx.rate-limits.login-per-name.period=1h", "chatx.rate-limits.login-per-account.capacity=6",
		"chatx.rate-limits.login-per-account.refill=6", "chatx.rate-limits.login-per-account.period=1h",
		"chatx.rate-limits.login-per-address.capacity=5", "chatx.rate-limits.login-per-address.refill=5",
		"chatx.rate-limits.login-per-address.period=1h", "chatx.rate-limits.register-per-address.capacity=2",
		"chatx.rate-limits.register-per-address.refill=2", "chatx.rate-limits.register-per-address.period=1h" })
class RateLimitIntegrationTests {

	private static final String LOGIN = "mutation($l: String!, $p: String!) { login(input: {login: $l, password: $p}) { accessToken } }";

	@Autowired
	DatabaseClient db;

	@Autowired
	ChatxClient client;

	@Test
	void limitsSignInAttemptsPerAccountAndAddressEvenWithTheRightPassword() {
		TestUser user = registerFrom(newAddress());
		String address = newAddress();
		failThreeTimes(address, user.username());
		expectCode(login(address, user.username(), user.password()), "RATE_LIMITED");
		Long audited = this.db
			.sql("SELECT count(*) FROM audit_events WHERE kind = 'LOGIN_RATE_LIMITED' AND subject = :s")
			.bind("s", user.username())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
		assertThat(audited).isEqualTo(1);
	}

	@Test
	void aUnicodeVariantOfALimitedNameIsLimitedToo() {
		TestUser user = registerFrom(newAddress());
		String address = newAddress();
		failThreeTimes(address, user.username());
		// U+0130 (capital I with dot): Java's lower case of it is "i" and a combining
		// dot, PostgreSQL's is "i", so this names the same account.
		String variant = user.username().replaceFirst("i", "\u0130");
		assertThat(variant).isNotEqualTo(user.username());
		expectCode(login(address, variant, user.password()), "RATE_LIMITED");
	}

	@Test
	void theEmailFormSharesTheLimitOfTheUsername() {
		TestUser user = registerFrom(newAddress());
		String address = newAddress();
		failThreeTimes(address, user.username());
		expectCode(login(address, user.username().toUpperCase() + "@EXAMPLE.com", user.password()), "RATE_LIMITED");
	}

	@Test
	void theOwnerSignsInFromAnotherAddressWhileAnAttackerIsLimited() {
		TestUser user = registerFrom(newAddress());
		String attacker = newAddress();
		failThreeTimes(attacker, user.username());
		expectCode(login(attacker, user.username(), "wrong-password"), "RATE_LIMITED");
		login(newAddress(), user.username(), user.password()).path("login.accessToken").hasValue();
	}

	@Test
	void pastTheAccountLimitOnlyAnAddressThatSignedInBeforeMayTry() {
		TestUser user = registerFrom(newAddress());
		String home = newAddress();
		login(home, user.username(), user.password()).path("login.accessToken").hasValue();
		// Three attackers spend the rest of the account's six attempts and more.
		for (int i = 0; i < 3; i++) {
			String attacker = newAddress();
			for (int j = 0; j < 2; j++) {
				login(attacker, user.username(), "wrong-password").errors()
					.expect((e) -> "INVALID_CREDENTIALS".equals(e.getExtensions().get("code"))
							|| "RATE_LIMITED".equals(e.getExtensions().get("code")))
					.verify();
			}
		}
		expectCode(login(newAddress(), user.username(), user.password()), "RATE_LIMITED");
		login(home, user.username(), user.password()).path("login.accessToken").hasValue();
		expectCode(login(home, user.username(), "wrong-password"), "INVALID_CREDENTIALS");
	}

	@Test
	void limitsSignInAttemptsPerAddressAcrossNames() {
		String address = newAddress();
		for (int i = 0; i < 5; i++) {
			login(address, TestSupport.unique("nobody"), "password123").errors()
				.expect((e) -> "INVALID_CREDENTIALS".equals(e.getExtensions().get("code")))
				.verify();
		}
		login(address, TestSupport.unique("nobody"), "password123").errors()
			.expect((e) -> "RATE_LIMITED".equals(e.getExtensions().get("code")))
			.verify();
		// Another address is not affected.
		login(newAddress(), TestSupport.unique("nobody"), "password123").errors()
			.expect((e) -> "INVALID_CREDENTIALS".equals(e.getExtensions().get("code")))
			.verify();
	}

	@Test
	void limitsRegistrationsPerAddress() {
		String address = newAddress();
		registerFrom(address);
		registerFrom(address);
		String name = TestSupport.unique("third");
		register(address, name).errors().expect((e) -> "RATE_LIMITED".equals(e.getExtensions().get("code"))).verify();
		Long stored = this.db.sql("SELECT count(*) FROM users WHERE username = :u")
			.bind("u", name)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TestSupport.TIMEOUT);
		assertThat(stored).isZero();
	}

	@Test
	void probingForRegisteredEmailsSpendsTheRegistrationLimit() {
		TestUser owner = registerFrom(newAddress());
		String prober = newAddress();
		for (int i = 0; i < 2; i++) {
			expectCode(register(prober, TestSupport.unique("probe"), owner.username() + "@example.com"), "CONFLICT");
		}
		expectCode(register(prober, TestSupport.unique("probe"), owner.username() + "@example.com"), "RATE_LIMITED");
	}

	@Test
	void aRegistrationRefusedForANulCharacterSpendsNoRegistrationToken() {
		String address = newAddress();
		for (int i = 0; i < 3; i++) {
			String name = TestSupport.unique("nul");
			expectCode(register(address, name, name + "\u0000@example.com"), "BAD_USER_INPUT");
		}
		registerFrom(address);
		registerFrom(address);
	}

	private void failThreeTimes(String address, String login) {
		for (int i = 0; i < 3; i++) {
			expectCode(login(address, login, "wrong-password"), "INVALID_CREDENTIALS");
		}
	}

	private static void expectCode(GraphQlTester.Response response, String code) {
		response.errors().expect((e) -> code.equals(e.getExtensions().get("code"))).verify();
	}

	private TestUser registerFrom(String address) {
		String name = TestSupport.unique("limited");
		String token = register(address, name).path("register.accessToken").entity(String.class).get();
		return new TestUser(null, name, "password-" + name, token, null);
	}

	private GraphQlTester.Response register(String address, String name) {
		return register(address, name, name + "@example.com");
	}

	private GraphQlTester.Response register(String address, String name, String email) {
		return this.client.anonymous()
			.mutate()
			.header("X-Forwarded-For", address)
			.build()
			.document(
					"mutation($u: String!, $e: String!, $p: String!) { register(input: {username: $u, email: $e, password: $p}) { accessToken } }")
			.variable("u", name)
			.variable("e", email)
			.variable("p", "password-" + name)
			.execute();
	}

	private GraphQlTester.Response login(String address, String login, String password) {
		return this.client.anonymous()
			.mutate()
			.header("X-Forwarded-For", address)
			.build()
			.document(LOGIN)
			.variable("l", login)
			.variable("p", password)
			.execute();
	}

	private static String newAddress() {
		byte[] b = UUID.randomUUID().toString().getBytes();
		return "10." + (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff);
	}

}
