package io.chatx.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;

/**
 * The parents of the replies in a result, read in one query by whoever produced the
 * result and handed down to {@code Message.replyTo} in the local context. Not a
 * DataLoader: inside subscription events graphql-java 25 can leave a batch undispatched
 * (see {@code UserLoader}).
 */
final class ReplyParents {

	static final String KEY = "replyParents";

	private ReplyParents() {
	}

	static List<UUID> idsOf(List<Message> messages) {
		return messages.stream().map(Message::replyToId).filter(Objects::nonNull).distinct().toList();
	}

	static GraphQLContext context(Map<UUID, Message> parents) {
		return GraphQLContext.newContext().of(KEY, parents).build();
	}

	/** The parent read up front, if the local context holds it. */
	static @Nullable Message find(@Nullable Map<UUID, Message> parents, UUID id) {
		return (parents != null) ? parents.get(id) : null;
	}

}
