package io.chatx.live.presence;

import java.util.UUID;

import io.chatx.account.User;

/**
 * Told when a user's first live subscription to a room on this instance starts and when
 * their last one here ends, so that other instances can count them.
 */
@FunctionalInterface
public interface LocalPresenceListener {

	/**
	 * Called in the order of the changes, while the registry is locked: must not block.
	 */
	void changed(UUID roomId, User user, boolean online);

}
