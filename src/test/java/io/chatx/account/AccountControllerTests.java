package io.chatx.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.graphql.GraphQlSlice;
import io.chatx.support.WithSignedInUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static io.chatx.graphql.GraphQlSlice.CLIENT_ADDRESS;
import static io.chatx.graphql.GraphQlSlice.expectCode;
import static io.chatx.support.WithSignedInUser.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@link AccountController} on its own: the schema mapping of the account operations,
 * their arguments, the signed-in user, and the codes of the service's errors.
 */
@GraphQlTest(AccountController.class)
@Import(GraphQlSlice.class)
class AccountControllerTests {

	private static final OffsetDateTime EXPIRES = OffsetDateTime.of(2026, 12, 3, 12, 15, 0, 0, ZoneOffset.UTC);

	@MockitoBean
	AccountService accounts;

	@Autowired
	ExecutionGraphQlServiceTester tester;

	@Test
	void registerPassesTheInputAndTheClientAddress() {
		User bob = new User(UUID.randomUUID(), "bob");
		given(this.accounts.register(any(), anyString()))
			.willReturn(Mono.just(new AuthPayload("access", "refresh", EXPIRES, bob)));
		GraphQlTester.Response response = graphQl().document("""
				mutation { register(input: {username: "bob", email: "bob@example.com", password: "correct horse"}) {
				  accessToken refreshToken expiresAt user { id username } } }""").execute();
		response.path("register.accessToken").entity(String.class).isEqualTo("access");
		response.path("register.refreshToken").entity(String.class).isEqualTo("refresh");
		response.path("register.expiresAt").entity(String.class).isEqualTo("2026-12-03T12:15:00.000Z");
		response.path("register.user.id").entity(String.class).isEqualTo(bob.id().toString());
		then(this.accounts).should()
			.register(new RegisterInput("bob", "bob@example.com", "correct horse"), CLIENT_ADDRESS);
	}

	@Test
	void registerChecksTheSchemaRulesBeforeTheService() {
		GraphQlTester.Response response = graphQl()
			.document(
					"mutation { register(input: {username: \"bob\", email: \"bob@example.com\", password: \"short\"}) "
							+ "{ accessToken } }")
			.execute();
		response.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getMessage()).contains("/register/input/password")));
		verifyNoInteractions(this.accounts);
	}

	@Test
	void loginFailureKeepsItsCode() {
		given(this.accounts.login(new LoginInput("bob", "wrong"), CLIENT_ADDRESS))
			.willReturn(Mono.error(new ChatxException(ErrorCode.INVALID_CREDENTIALS, "Wrong login or password.")));
		GraphQlTester.Response response = graphQl()
			.document("mutation { login(input: {login: \"bob\", password: \"wrong\"}) { accessToken } }")
			.execute();
		expectCode(response, "INVALID_CREDENTIALS");
	}

	@Test
	void refreshTokenPassesTheTokenAndTheClientAddress() {
		given(this.accounts.refresh("refresh-1", CLIENT_ADDRESS))
			.willReturn(Mono.error(ChatxException::unauthenticated));
		expectCode(
				graphQl().document("mutation { refreshToken(refreshToken: \"refresh-1\") { accessToken } }").execute(),
				"UNAUTHENTICATED");
	}

	@Test
	@WithSignedInUser
	void meIsTheSignedInUser() {
		given(this.accounts.me(ALICE.id())).willReturn(Mono.just(User.of(ALICE)));
		GraphQlTester.Response response = graphQl().document("{ me { id username } }").execute();
		response.path("me").entity(Map.class).isEqualTo(Map.of("id", ALICE.id().toString(), "username", "alice"));
	}

	@Test
	void meWithoutSignInIsUnauthenticated() {
		expectCode(graphQl().document("{ me { id } }").execute(), "UNAUTHENTICATED");
		verifyNoInteractions(this.accounts);
	}

	@Test
	@WithSignedInUser
	void logoutRevokesAsTheSignedInUser() {
		given(this.accounts.logout(ALICE.id(), "refresh-1", CLIENT_ADDRESS)).willReturn(Mono.just(true));
		graphQl().document("mutation { logout(refreshToken: \"refresh-1\") }")
			.execute()
			.path("logout")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	void logoutWithoutSignInIsUnauthenticated() {
		expectCode(graphQl().document("mutation { logout(refreshToken: \"refresh-1\") }").execute(), "UNAUTHENTICATED");
		verifyNoInteractions(this.accounts);
	}

	@Test
	@WithSignedInUser
	void anUnexpectedFailureIsInternalWithACorrelationId() {
		given(this.accounts.me(ALICE.id())).willReturn(Mono.error(new IllegalStateException("connection reset")));
		graphQl().document("{ me { id } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "INTERNAL").containsKey("correlationId");
				assertThat(error.getMessage()).doesNotContain("connection reset");
			}));
	}

	private GraphQlTester graphQl() {
		return GraphQlSlice.fromClient(this.tester);
	}

}
