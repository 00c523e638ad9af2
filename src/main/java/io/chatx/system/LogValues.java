package io.chatx.system;

import org.jspecify.annotations.Nullable;

/**
 * User-supplied values made safe for a plain-text log line: control characters (C0, DEL,
 * C1, the Unicode line and paragraph separators), backslashes and double quotes are
 * escaped, so a value can neither end the line and forge the next one nor leave its
 * quotes.
 */
public final class LogValues {

	private LogValues() {
	}

	/** {@code value} in double quotes, escaped; {@code null} as the bare word null. */
	public static String quoted(@Nullable Object value) {
		return (value != null) ? '"' + escaped(value) + '"' : "null";
	}

	/** {@code value} escaped, without quotes. */
	public static String escaped(@Nullable Object value) {
		String text = String.valueOf(value);
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String escape = escapeOf(c);
			if (escape != null && out == null) {
				out = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (out != null) {
				if (escape != null) {
					out.append(escape);
				}
				else {
					out.append(c);
				}
			}
		}
		return (out != null) ? out.toString() : text;
	}

	private static @Nullable String escapeOf(char c) {
		return switch (c) {
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			case '\\' -> "\\\\";
			case '"' -> "\\\"";
			default -> (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029')
					? String.format("\\u%04x", (int) c) : null;
		};
	}

}
