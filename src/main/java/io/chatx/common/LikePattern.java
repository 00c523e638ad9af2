package io.chatx.common;

/**
 * SQL LIKE patterns for searches that match what the user typed literally.
 */
public final class LikePattern {

	private LikePattern() {
	}

	/**
	 * {@code text} as a LIKE pattern (with {@code ESCAPE '\'}) that matches it literally:
	 * '%', '_' and '\' escaped.
	 */
	public static String literal(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
