package io.chatx.message;

import java.util.List;
import java.util.UUID;

/**
 * One emoji's reactions to a message (GraphQL {@code Reaction}).
 *
 * @param emoji the emoji
 * @param userIds who reacted with it, in the order they did
 */
public record Reaction(String emoji, List<UUID> userIds) {

	public int count() {
		return this.userIds.size();
	}

	/** The first {@code n} who reacted (all when fewer). */
	public List<UUID> firstUserIds(int n) {
		return this.userIds.subList(0, Math.max(0, Math.min(n, this.userIds.size())));
	}

}
