package io.chatx.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Constants and unique names for tests.
 */
public final class TestSupport {

	/** Signing key of the test contexts (tests forge tokens with it). */
	public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";

	/** Every StepVerifier and blocking wait in the tests is bounded by this. */
	public static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final AtomicInteger counter = new AtomicInteger();

	private TestSupport() {
	}

	/**
	 * A name no other test uses: prefix, counter and randomness, at most 32 characters.
	 */
	public static String unique(String prefix) {
		String suffix = Integer.toString(counter.incrementAndGet(), 36)
				+ Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
		String name = prefix + "_" + suffix;
		return (name.length() > 32) ? name.substring(0, 32) : name;
	}

}
