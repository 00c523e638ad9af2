package io.chatx.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.chatx.common.StartupProblem;

/**
 * Finds the HMAC key that signs access tokens: {@code CHATX_JWT_SECRET}, or with the
 * embedded database a development key generated once and kept in
 * {@code CHATX_JWT_KEY_FILE} (by default in the data folder).
 */
final class SigningKeyResolver {

	static final int MIN_SECRET_BYTES = 32;

	private static final Log logger = LogFactory.getLog(SigningKeyResolver.class);

	private SigningKeyResolver() {
	}

	/**
	 * The signing key.
	 * @param jwt the token settings
	 * @param sharedDatabase whether the database is an external one that several
	 * instances may share (they must share the secret then, so there is no development
	 * key)
	 */
	static SecretKey resolve(JwtProperties jwt, boolean sharedDatabase) {
		byte[] secret = (jwt.secret() != null && !jwt.secret().isEmpty()) ? configured(jwt.secret())
				: developmentKey(jwt.keyFile(), sharedDatabase);
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	private static byte[] configured(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new StartupProblem("CHATX_JWT_SECRET is " + bytes.length + " bytes long; it must be at least "
					+ MIN_SECRET_BYTES + " bytes.",
					"Set CHATX_JWT_SECRET to a random value, e.g. $(openssl rand -base64 48).");
		}
		return bytes;
	}

	private static byte[] developmentKey(Path keyFile, boolean sharedDatabase) {
		if (sharedDatabase) {
			throw new StartupProblem("CHATX_JWT_SECRET is not set, and instances sharing CHATX_DB_URL must share it.",
					"Set CHATX_JWT_SECRET (at least 32 bytes) on every instance, e.g. $(openssl rand -base64 48).");
		}
		Path file = keyFile.toAbsolutePath();
		try {
			if (!Files.exists(file)) {
				byte[] key = new byte[48];
				new SecureRandom().nextBytes(key);
				Files.createDirectories(file.getParent());
				Files.writeString(file, Base64.getEncoder().encodeToString(key));
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			logger.warn("CHATX_JWT_SECRET is not set: signing tokens with the development key in " + file
					+ ". Set CHATX_JWT_SECRET in production.");
			return Base64.getDecoder().decode(Files.readString(file).trim());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new StartupProblem("The development signing key in " + file + " cannot be read or written.",
					"Make the data folder writable, delete a damaged key file, or set CHATX_JWT_SECRET.", ex);
		}
	}

}
