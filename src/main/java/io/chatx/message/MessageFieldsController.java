package io.chatx.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The fields of {@code Message} and {@code Reaction} that are not stored on the message
 * row: the parent of a reply (one query for all the messages of a result), who reacted,
 * and whether the viewer did.
 */
@Controller
class MessageFieldsController {

	// Reaction.users(first) without an argument, as in the schema.
	static final int DEFAULT_REACTION_USERS = 10;

	private static final int MAX_REACTION_USERS = 100;

	private final MessageService messages;

	private final UserLoader users;

	MessageFieldsController(MessageService messages, UserLoader users) {
		this.messages = messages;
		this.users = users;
	}

	@BatchMapping(typeName = "Message")
	Mono<Map<Message, Message>> replyTo(List<Message> replies) {
		List<UUID> parentIds = replies.stream().map(Message::replyToId).filter(Objects::nonNull).distinct().toList();
		// The parents' authors in one query, so that replyTo { author } costs none per
		// reply.
		return this.messages.byIds(parentIds)
			.flatMap((parents) -> this.users.preload(parents.values().stream().map(Message::authorId).toList())
				.thenReturn(parents))
			.map((parents) -> replies.stream()
				.filter((reply) -> reply.replyToId() != null && parents.containsKey(reply.replyToId()))
				.collect(Collectors.toMap(Function.identity(), (reply) -> parents.get(reply.replyToId()),
						(first, second) -> first)));
	}

	// Until file uploads land, no message has attachments.
	@SchemaMapping(typeName = "Message")
	List<Object> attachments(Message message) {
		return List.of();
	}

	// Viewer-dependent (@viewerDependent in the schema): a shared
	// roomEvents result must never carry another viewer's answer.
	@SchemaMapping(typeName = "Reaction")
	boolean mine(Reaction reaction, @AuthenticationPrincipal SignedInUser viewer) {
		return reaction.userIds().contains(viewer.id());
	}

	@SchemaMapping(typeName = "Reaction")
	Mono<List<User>> users(Reaction reaction, @Argument int first) {
		List<UUID> ids = reaction.userIds().subList(0, Math.max(0, Math.min(first, reaction.count())));
		if (ids.size() > MAX_REACTION_USERS) {
			ids = ids.subList(0, MAX_REACTION_USERS);
		}
		List<UUID> wanted = ids;
		return this.users.preload(wanted).thenMany(Flux.fromIterable(wanted).concatMap(this.users::user)).collectList();
	}

}
