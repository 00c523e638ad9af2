package io.chatx.bench;

import java.util.Map;

/**
 * Just enough JSON for the load generator: quoting, reading numbers out of frames, and
 * printing one flat result object per run.
 */
final class Json {

	private Json() {
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/**
	 * The non-negative integer right after {@code "key":} (and an optional quote), or -1.
	 */
	static long number(String text, String key, int from) {
		int at = text.indexOf(key, from);
		if (at < 0) {
			return -1;
		}
		int i = at + key.length();
		while (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == ' ')) {
			i++;
		}
		long value = 0;
		int start = i;
		while (i < text.length() && Character.isDigit(text.charAt(i))) {
			value = value * 10 + (text.charAt(i) - '0');
			i++;
		}
		return (i > start) ? value : -1;
	}

	/**
	 * The string right after {@code "key":"} (its raw JSON text, escapes left as they
	 * are), or null.
	 */
	static String string(String text, String key, int from) {
		int at = text.indexOf(key, from);
		if (at < 0) {
			return null;
		}
		int start = at + key.length();
		int i = start;
		while (i < text.length() && text.charAt(i) != '"') {
			i += (text.charAt(i) == '\\') ? 2 : 1;
		}
		return (i < text.length()) ? text.substring(start, i) : null;
	}

	/**
	 * An object; values are numbers, strings, booleans, nested maps or lists of these.
	 */
	static String object(Map<String, ?> fields) {
		StringBuilder out = new StringBuilder("{");
		fields.forEach((key, value) -> {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append(quote(key)).append(':');
			value(out, value);
		});
		return out.append('}').toString();
	}

	private static void value(StringBuilder out, Object value) {
		if (value instanceof Map<?, ?> map) {
			@SuppressWarnings("unchecked")
			Map<String, ?> nested = (Map<String, ?>) map;
			out.append(object(nested));
		}
		else if (value instanceof java.util.List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				value(out, list.get(i));
			}
			out.append(']');
		}
		else if (value instanceof String string) {
			out.append(quote(string));
		}
		else if (value instanceof Double d) {
			out.append(String.format(java.util.Locale.ROOT, "%.3f", d));
		}
		else {
			out.append(value);
		}
	}

}
