package io.chatx.account;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.common.Connection;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Finding people over GraphQL: user, users.
 */
@Controller
class UserController {

	private final UserDirectory directory;

	UserController(UserDirectory directory) {
		this.directory = directory;
	}

	// Both for signed-in users only: the principal argument makes an anonymous call
	// UNAUTHENTICATED.

	@QueryMapping
	Mono<User> user(@Argument String id, @AuthenticationPrincipal SignedInUser viewer) {
		return this.directory.find(id);
	}

	@QueryMapping
	Mono<Connection<User>> users(@Argument String search, @Argument @Nullable Integer first,
			@Argument @Nullable String after, @AuthenticationPrincipal SignedInUser viewer) {
		return this.directory.search(search, first, after);
	}

}
