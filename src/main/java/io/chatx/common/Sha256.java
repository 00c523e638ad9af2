package io.chatx.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, which every JVM has, without the checked exception.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static byte[] of(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	public static byte[] of(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

}
