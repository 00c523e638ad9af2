package io.chatx.message;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.common.Connection;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Messages over GraphQL: messages, sendMessage, and {@code Message.author}.
 */
@Controller
class MessageController {

	private final MessageService messages;

	private final UserLoader users;

	MessageController(MessageService messages, UserLoader users) {
		this.messages = messages;
		this.users = users;
	}

	@QueryMapping
	Mono<Connection<Message>> messages(@Argument String roomId, @Argument @Nullable Integer first,
			@Argument @Nullable String after, @Argument @Nullable Integer last, @Argument @Nullable String before,
			@AuthenticationPrincipal SignedInUser viewer) {
		return this.messages.history(viewer.id(), roomId, first, after, last, before)
			.flatMap((page) -> this.users.preload(page.edges().stream().map((edge) -> edge.node().authorId()).toList())
				.thenReturn(page));
	}

	@MutationMapping
	Mono<Message> sendMessage(@Argument SendMessageInput input, @AuthenticationPrincipal SignedInUser author) {
		return this.messages.send(author.id(), input).map(SentMessage::message);
	}

	@SchemaMapping
	Mono<User> author(Message message) {
		return this.users.user(message.authorId());
	}

}
