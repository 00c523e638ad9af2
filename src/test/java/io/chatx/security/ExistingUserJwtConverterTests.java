package io.chatx.security;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A verified access token becomes the slim {@link SignedInAuthentication} of its user,
 * and only while that user exists.
 */
class ExistingUserJwtConverterTests {

	private static final UUID ALICE = UUID.randomUUID();

	private final ExistingUserJwtConverter converter = new ExistingUserJwtConverter(
			(id) -> Mono.just(id.equals(ALICE)));

	@Test
	void anExistingUsersTokenSignsInThatUser() {
		StepVerifier.create(this.converter.convert(token(ALICE.toString(), "alice"))).assertNext((authentication) -> {
			assertThat(authentication).isInstanceOf(SignedInAuthentication.class);
			assertThat(authentication.getPrincipal()).isEqualTo(new SignedInUser(ALICE, "alice"));
			assertThat(authentication.getName()).isEqualTo(ALICE.toString());
			assertThat(authentication.isAuthenticated()).isTrue();
		}).verifyComplete();
	}

	@Test
	void aDeletedUsersTokenIsRefused() {
		StepVerifier.create(this.converter.convert(token(UUID.randomUUID().toString(), "gone")))
			.verifyError(InvalidBearerTokenException.class);
	}

	@Test
	void aSubjectThatIsNoUserIdIsRefusedWithoutALookUp() {
		ExistingUserJwtConverter noLookUps = new ExistingUserJwtConverter(
				(id) -> fail("looked up a user for a subject that is no id"));
		StepVerifier.create(noLookUps.convert(token("not-a-uuid", "alice")))
			.verifyError(InvalidBearerTokenException.class);
	}

	private static Jwt token(String subject, String username) {
		return Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.subject(subject)
			.claim("username", username)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
	}

}
