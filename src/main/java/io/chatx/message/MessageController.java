package io.chatx.message;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
			.flatMap((page) -> this.users.preload(usersOf(page)).thenReturn(page));
	}

	// The authors of a page and the first users of its reactions (as many as
	// Reaction.users gives by default), read together in one query. The parents' authors
	// are read with the parents (MessageFieldsController.replyTo).
	private static List<UUID> usersOf(Connection<Message> page) {
		List<UUID> ids = new ArrayList<>();
		for (Connection.Edge<Message> edge : page.edges()) {
			ids.add(edge.node().authorId());
			for (Reaction reaction : edge.node().reactions()) {
				List<UUID> reacted = reaction.userIds();
				ids.addAll(
						reacted.subList(0, Math.min(reacted.size(), MessageFieldsController.DEFAULT_REACTION_USERS)));
			}
		}
		return ids;
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
