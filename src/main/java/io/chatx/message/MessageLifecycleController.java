package io.chatx.message;

import reactor.core.publisher.Mono;

import io.chatx.security.SignedInUser;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * editMessage, deleteMessage, addReaction and removeReaction over GraphQL; each answers
 * the message as it stands after.
 */
@Controller
class MessageLifecycleController {

	private final MessageLifecycleService lifecycle;

	MessageLifecycleController(MessageLifecycleService lifecycle) {
		this.lifecycle = lifecycle;
	}

	@MutationMapping
	Mono<Message> editMessage(@Argument EditMessageInput input, @AuthenticationPrincipal SignedInUser user) {
		return this.lifecycle.editMessage(user.id(), input.messageId(), input.content());
	}

	@MutationMapping
	Mono<Message> deleteMessage(@Argument String messageId, @AuthenticationPrincipal SignedInUser user) {
		return this.lifecycle.deleteMessage(user.id(), messageId);
	}

	@MutationMapping
	Mono<Message> addReaction(@Argument String messageId, @Argument String emoji,
			@AuthenticationPrincipal SignedInUser user) {
		return this.lifecycle.addReaction(user.id(), messageId, emoji);
	}

	@MutationMapping
	Mono<Message> removeReaction(@Argument String messageId, @Argument String emoji,
			@AuthenticationPrincipal SignedInUser user) {
		return this.lifecycle.removeReaction(user.id(), messageId, emoji);
	}

}
