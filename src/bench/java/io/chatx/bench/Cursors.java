package io.chatx.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reading change numbers out of event and history cursors. Cursors are opaque to clients;
 * the load generator is ChatX's own tool and decodes them (base64url of
 * {@code m2:room:seq:change}, see {@code io.chatx.message.MessageCursor}) to check that
 * every change of a room arrives once and in order.
 */
final class Cursors {

	private Cursors() {
	}

	/** The change number of an {@code m2} cursor. */
	static long change(String cursor) {
		String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		if (!text.startsWith("m2:")) {
			throw new IllegalArgumentException("not a change cursor: " + text);
		}
		return Long.parseLong(text.substring(text.lastIndexOf(':') + 1));
	}

}
