package io.chatx.account;

import reactor.core.publisher.Mono;

import io.chatx.security.Viewer;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
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
	Mono<Boolean> logout(@Argument String refreshToken, @ContextValue String clientAddress) {
		return Viewer.id().flatMap((userId) -> this.accounts.logout(userId, refreshToken, clientAddress));
	}

	@QueryMapping
	Mono<User> me() {
		return Viewer.id().flatMap(this.accounts::me);
	}

}
