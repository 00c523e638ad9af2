package io.chatx.common;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads the UUIDs that GraphQL {@code ID} arguments carry as strings.
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * The UUID that {@code id} spells in canonical form, or empty for anything else (an
	 * id ChatX never issued, which callers treat as "not found").
	 */
	public static Optional<UUID> parse(String id) {
		if (id == null || id.length() != 36) {
			return Optional.empty();
		}
		try {
			UUID uuid = UUID.fromString(id);
			// UUID.fromString also takes forms like "1-1-1-1-1" padded to 36 characters.
			return uuid.toString().equalsIgnoreCase(id) ? Optional.of(uuid) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
