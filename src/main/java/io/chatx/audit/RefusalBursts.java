package io.chatx.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Repeated refusals (rate-limited attempts) counted per kind and client address, so that
 * a client hammering a limit costs one audit row per interval instead of one per attempt:
 * the first refusal of a burst is stored at once, the rest are counted and stored as one
 * row with their number once the interval has passed.
 */
final class RefusalBursts {

	private final ConcurrentHashMap<Key, Burst> bursts = new ConcurrentHashMap<>();

	private final Duration interval;

	RefusalBursts(Duration interval) {
		this.interval = interval;
	}

	/**
	 * Count one refusal.
	 * @return what to store now: this refusal when it starts a burst, after the unstored
	 * rest of the burst before it, if any; nothing when it is only counted
	 */
	List<Pending> add(AuditKind kind, String clientAddress, @Nullable String subject, Instant now) {
		List<Pending> toStore = new ArrayList<>(2);
		this.bursts.compute(new Key(kind, clientAddress), (key, burst) -> {
			if (burst != null && !burst.endedBy(now, this.interval)) {
				burst.count(subject);
				return burst;
			}
			if (burst != null && burst.unstored > 0) {
				toStore.add(burst.pending(key));
			}
			toStore.add(new Pending(key, subject, 1));
			return new Burst(now);
		});
		return toStore;
	}

	/**
	 * Forget the bursts that ended by {@code now}.
	 * @return their refusals that were counted but not stored
	 */
	List<Pending> sweep(Instant now) {
		List<Pending> toStore = new ArrayList<>();
		for (Key key : this.bursts.keySet()) {
			this.bursts.computeIfPresent(key, (k, burst) -> {
				if (!burst.endedBy(now, this.interval)) {
					return burst;
				}
				if (burst.unstored > 0) {
					toStore.add(burst.pending(k));
				}
				return null;
			});
		}
		return toStore;
	}

	record Key(AuditKind kind, String clientAddress) {

	}

	/**
	 * Refusals to store as one row.
	 *
	 * @param subject the login they named, or null when they named several
	 * @param count how many
	 */
	record Pending(Key key, @Nullable String subject, int count) {

	}

	private static final class Burst {

		private final Instant start;

		private int unstored;

		private @Nullable String subject;

		private boolean severalSubjects;

		Burst(Instant start) {
			this.start = start;
		}

		boolean endedBy(Instant now, Duration interval) {
			return !now.isBefore(this.start.plus(interval));
		}

		void count(@Nullable String subject) {
			if (this.unstored == 0) {
				this.subject = subject;
			}
			else if (!Objects.equals(this.subject, subject)) {
				this.severalSubjects = true;
			}
			this.unstored++;
		}

		Pending pending(Key key) {
			return new Pending(key, this.severalSubjects ? null : this.subject, this.unstored);
		}

	}

}
