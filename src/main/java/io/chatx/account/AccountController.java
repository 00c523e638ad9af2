package io.chatx.account;

import reactor.core.publisher.Mono;

import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Accounts over GraphQL: register, login, refreshToken, logout, me.
 */
@Controller
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@MutationMapping
	Mono<AuthPayload> register(@Argument RegisterInput input, @ContextValue String clientAddress) {
		return this.accounts.register(input, clientAddress);
	}

	@MutationMapping
	Mono<AuthPayload> login(@Argument LoginInput input, @ContextValue String clientAddress) {
		return this.accounts.login(input, clientAddress);
	}

	@MutationMapping
	Mono<AuthPayload> refreshToken(@Argument String refreshToken, @ContextValue String clientAddress) {
		return this.accounts.refresh(refreshToken, clientAddress);
	}

	@MutationMapping
	Mono<Boolean> logout(@Argument String refreshToken, @ContextValue String clientAddress,
			@AuthenticationPrincipal SignedInUser viewer) {
		return this.accounts.logout(viewer.id(), refreshToken, clientAddress);
	}

	@QueryMapping
	Mono<User> me(@AuthenticationPrincipal SignedInUser viewer) {
		return this.accounts.me(viewer.id());
	}

}
