package io.chatx.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatx.audit.RefusalBursts.Pending;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalBurstsTests {

	private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

	private final RefusalBursts bursts = new RefusalBursts(Duration.ofMinutes(1));

	@Test
	void storesTheFirstRefusalAtOnceAndCountsTheRest() {
		assertThat(add("10.0.0.1", "alice", T0)).singleElement().satisfies((p) -> {
			assertThat(p.count()).isEqualTo(1);
			assertThat(p.subject()).isEqualTo("alice");
		});
		for (int i = 1; i <= 57; i++) {
			assertThat(add("10.0.0.1", "alice", T0.plusSeconds(i))).isEmpty();
		}
		assertThat(this.bursts.sweep(T0.plusSeconds(59))).isEmpty();
		assertThat(this.bursts.sweep(T0.plusSeconds(60))).singleElement().satisfies((p) -> {
			assertThat(p.count()).isEqualTo(57);
			assertThat(p.subject()).isEqualTo("alice");
		});
		assertThat(this.bursts.sweep(T0.plusSeconds(600))).isEmpty();
	}

	@Test
	void theFirstRefusalAfterTheIntervalStoresTheRestOfTheBurstBeforeIt() {
		add("10.0.0.1", "alice", T0);
		add("10.0.0.1", "bob", T0.plusSeconds(1));
		add("10.0.0.1", "carol", T0.plusSeconds(2));
		List<Pending> stored = add("10.0.0.1", "dave", T0.plusSeconds(61));
		assertThat(stored).extracting(Pending::count).containsExactly(2, 1);
		// Several names in one row: the row names none of them.
		assertThat(stored.get(0).subject()).isNull();
		assertThat(stored.get(1).subject()).isEqualTo("dave");
	}

	@Test
	void countsEachAddressApart() {
		assertThat(add("10.0.0.1", "alice", T0)).hasSize(1);
		assertThat(add("10.0.0.2", "alice", T0)).hasSize(1);
		assertThat(add("10.0.0.1", "alice", T0.plusSeconds(1))).isEmpty();
	}

	private List<Pending> add(String address, String subject, Instant at) {
		return this.bursts.add(AuditKind.LOGIN_RATE_LIMITED, address, subject, at);
	}

}
