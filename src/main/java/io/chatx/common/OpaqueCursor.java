package io.chatx.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * The envelope of ChatX cursors: base64url of {@code kind:field:field...}. Clients treat
 * cursors as opaque; each kind's codec checks the fields and that the cursor is in its
 * one canonical spelling, so that anything forged or mangled is refused.
 */
public final class OpaqueCursor {

	private OpaqueCursor() {
	}

	public static String encode(String kind, Object... fields) {
		StringJoiner text = new StringJoiner(":").add(kind);
		for (Object field : fields) {
			text.add(String.valueOf(field));
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The fields of a cursor of {@code kind}.
	 * @throws ChatxException {@code BAD_USER_INPUT} when it is not such a cursor
	 */
	public static String[] decode(String cursor, String kind, int fieldCount) {
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		String[] parts = text.split(":", -1);
		if (parts.length != fieldCount + 1 || !parts[0].equals(kind)) {
			throw invalid();
		}
		return Arrays.copyOfRange(parts, 1, parts.length);
	}

	/** The error for a cursor that is not valid where it was passed. */
	public static ChatxException invalid() {
		return ChatxException.badInput("The cursor is not valid here; use one that this query returned.");
	}

}
