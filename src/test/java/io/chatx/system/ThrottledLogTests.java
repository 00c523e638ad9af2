package io.chatx.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One line per kind of failure per interval, with the count of the others.
 */
class ThrottledLogTests {

	final List<String> lines = new ArrayList<>();

	final List<Throwable> stacks = new ArrayList<>();

	Instant now = Instant.parse("2026-01-01T10:00:00Z");

	final ThrottledLog log = new ThrottledLog(new RecordingLog(), Duration.ofMinutes(1), new Clock() {

		@Override
		public Instant instant() {
			return ThrottledLogTests.this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void logsAKindOncePerIntervalWithTheCountOfTheOthers() {
		for (int i = 0; i < 50; i++) {
			this.log.error("Internal error " + i, refused());
		}
		assertThat(this.lines).containsExactly(
				"Internal error 0: java.lang.IllegalStateException: Failed to obtain a connection; caused by java.net.ConnectException: Connection refused");
		assertThat(this.stacks).hasSize(1);

		this.now = this.now.plusSeconds(61);
		this.log.error("Internal error 50", refused());
		assertThat(this.lines).hasSize(2);
		assertThat(this.lines.get(1)).startsWith("Internal error 50: java.lang.IllegalStateException")
			.endsWith("(and 49 more like it since 2026-01-01T10:00:00Z, not logged)");
		assertThat(this.stacks).as("the stack trace of a kind is logged once").hasSize(1);
	}

	@Test
	void kindsAreCountedApart() {
		this.log.error("a", refused());
		this.log.error("b", new IllegalArgumentException("no"));
		this.log.error("c", refused());
		assertThat(this.lines).hasSize(2);
		assertThat(this.lines.get(1)).isEqualTo("b: java.lang.IllegalArgumentException: no");
	}

	@Test
	void keepsALineOneLine() {
		this.log.warn("Health", new IllegalStateException("first\nERROR forged line"));
		assertThat(this.lines).containsExactly("Health: java.lang.IllegalStateException: first ERROR forged line");
	}

	private static Throwable refused() {
		return new IllegalStateException("Failed to obtain a connection",
				new java.net.ConnectException("Connection refused"));
	}

	private final class RecordingLog extends NoOpLog {

		@Override
		public void error(Object message, Throwable failure) {
			record(message, failure);
		}

		@Override
		public void warn(Object message, Throwable failure) {
			record(message, failure);
		}

		private void record(Object message, Throwable failure) {
			ThrottledLogTests.this.lines.add((String) message);
			if (failure != null) {
				ThrottledLogTests.this.stacks.add(failure);
			}
		}

	}

}
