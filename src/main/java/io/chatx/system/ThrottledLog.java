package io.chatx.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs repeated failures of one kind (the exception's class and its root cause's) in one
 * line at most once per interval, with the number of others since the last line. During a
 * database outage every request fails the same way, and a stack trace per request would
 * bury everything else in the log. The stack trace of a kind is logged the first time it
 * is seen, and every failure, logged or counted, at DEBUG.
 */
public final class ThrottledLog {

	private final Log logger;

	private final Duration interval;

	private final Clock clock;

	private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

	public ThrottledLog(Log logger, Duration interval) {
		this(logger, interval, Clock.systemUTC());
	}

	ThrottledLog(Log logger, Duration interval, Clock clock) {
		this.logger = logger;
		this.interval = interval;
		this.clock = clock;
	}

	public void error(String message, Throwable failure) {
		log(true, message, failure);
	}

	public void warn(String message, Throwable failure) {
		log(false, message, failure);
	}

	private void log(boolean error, String message, Throwable failure) {
		Kind kind = this.kinds.computeIfAbsent(kindOf(failure), (key) -> new Kind());
		Report report = kind.next(this.clock.instant(), this.interval);
		if (report == null) {
			if (this.logger.isDebugEnabled()) {
				this.logger.debug(message + " (not logged above DEBUG: one like it was logged lately)", failure);
			}
			return;
		}
		String line = message + ": " + describe(failure) + ((report.suppressed() > 0)
				? " (and " + report.suppressed() + " more like it since " + report.since() + ", not logged)" : "");
		Throwable stack = (report.first() || this.logger.isDebugEnabled()) ? failure : null;
		if (error) {
			this.logger.error(line, stack);
		}
		else {
			this.logger.warn(line, stack);
		}
	}

	private static String kindOf(Throwable failure) {
		return failure.getClass().getName() + "/" + rootCause(failure).getClass().getName();
	}

	/** The failure and its root cause in one line: class names and messages. */
	static String describe(Throwable failure) {
		Throwable root = rootCause(failure);
		String text = summary(failure) + ((root != failure) ? "; caused by " + summary(root) : "");
		return text.replaceAll("[\\r\\n]+", " ");
	}

	private static String summary(Throwable failure) {
		return failure.getClass().getName() + ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	/** What to say when a failure is to be logged. */
	private record Report(boolean first, long suppressed, @Nullable Instant since) {
	}

	private static final class Kind {

		private @Nullable Instant lastLogged;

		private long suppressed;

		synchronized @Nullable Report next(Instant now, Duration interval) {
			if (this.lastLogged != null && now.isBefore(this.lastLogged.plus(interval))) {
				this.suppressed++;
				return null;
			}
			Report report = new Report(this.lastLogged == null, this.suppressed, this.lastLogged);
			this.lastLogged = now;
			this.suppressed = 0;
			return report;
		}

	}

}
