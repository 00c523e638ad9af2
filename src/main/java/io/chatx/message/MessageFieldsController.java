package io.chatx.message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.LocalContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The fields of {@code Message} and {@code Reaction} that are not stored on the message
 * row: the parent of a reply, who reacted, and whether the viewer did.
 */
@Controller
class MessageFieldsController {

	static final int DEFAULT_REACTION_USERS = 10;

	private static final int MAX_REACTION_USERS = 100;

	private final MessageService messages;

	private final UserLoader users;

	MessageFieldsController(MessageService messages, UserLoader users) {
		this.messages = messages;
		this.users = users;
	}

	/**
	 * The parent as it stands now (a tombstone when deleted): from the local context when
	 * a page read it up front, else read on its own (one event, one mutation result).
	 */
	@SchemaMapping(typeName = "Message")
	Mono<Message> replyTo(Message message,
			@LocalContextValue(name = ReplyParents.KEY, required = false) @Nullable Map<UUID, Message> parents) {
		UUID parentId = message.replyToId();
		if (parentId == null) {
			return Mono.empty();
		}
		Message known = ReplyParents.find(parents, parentId);
		return (known != null) ? Mono.just(known)
				: this.messages.byIds(List.of(parentId)).mapNotNull((found) -> found.get(parentId));
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
	Mono<List<User>> users(Reaction reaction, @Argument @Nullable Integer first) {
		// The schema's argument is nullable: an explicit null means the default.
		int asked = (first != null) ? first : DEFAULT_REACTION_USERS;
		List<UUID> wanted = reaction.firstUserIds(Math.min(asked, MAX_REACTION_USERS));
		return this.users.preload(wanted).thenMany(Flux.fromIterable(wanted).concatMap(this.users::user)).collectList();
	}

}
