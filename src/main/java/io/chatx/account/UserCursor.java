package io.chatx.account;

import io.chatx.common.OpaqueCursor;

/**
 * Cursors of user search: the lower-cased username of a user, which places it in the
 * order of the results (unique, by the index {@code users_username_key}).
 */
final class UserCursor {

	private static final String KIND = "u1";

	private UserCursor() {
	}

	static String encode(User user) {
		return encode(user.username().toLowerCase(java.util.Locale.ROOT));
	}

	/**
	 * The lower-cased username a cursor points at.
	 * @throws io.chatx.common.ChatxException {@code BAD_USER_INPUT} for anything this
	 * codec did not write
	 */
	static String decode(String cursor) {
		String name = OpaqueCursor.decode(cursor, KIND, 1)[0];
		if (name.isEmpty() || name.indexOf('\0') >= 0 || !encode(name).equals(cursor)) {
			throw OpaqueCursor.invalid();
		}
		return name;
	}

	private static String encode(String lowerName) {
		return OpaqueCursor.encode(KIND, lowerName);
	}

}
