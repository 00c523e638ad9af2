package io.chatx.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import graphql.execution.DataFetcherResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.common.Connection;
import io.chatx.common.Connection.Edge;
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

	/**
	 * A page of history, with what its fields need read up front in one query each (the
	 * parents of replies, handed down in the local context, and the users shown), so that
	 * a page costs the same few queries whatever its size.
	 */
	@QueryMapping
	Mono<DataFetcherResult<Connection<Message>>> messages(@Argument String roomId, @Argument @Nullable Integer first,
			@Argument @Nullable String after, @Argument @Nullable Integer last, @Argument @Nullable String before,
			@AuthenticationPrincipal SignedInUser viewer) {
		return this.messages.history(viewer.id(), roomId, first, after, last, before).flatMap((page) -> {
			List<Message> shown = page.edges().stream().map(Edge::node).toList();
			return this.messages.byIds(ReplyParents.idsOf(shown)).flatMap((parents) -> {
				List<Message> all = new ArrayList<>(shown);
				all.addAll(parents.values());
				return this.users.preload(usersShown(all))
					.thenReturn(DataFetcherResult.<Connection<Message>>newResult()
						.data(page)
						.localContext(ReplyParents.context(parents))
						.build());
			});
		});
	}

	// Authors, and the first users of each reaction group (Reaction.users' default).
	private static Set<UUID> usersShown(List<Message> messages) {
		Set<UUID> ids = new HashSet<>();
		for (Message message : messages) {
			ids.add(message.authorId());
			message.reactions()
				.forEach((reaction) -> ids
					.addAll(reaction.firstUserIds(MessageFieldsController.DEFAULT_REACTION_USERS)));
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
