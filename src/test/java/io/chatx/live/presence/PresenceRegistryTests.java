package io.chatx.live.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.account.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence as the union of this instance's subscriptions and other instances'
 * announcements.
 */
class PresenceRegistryTests {

	private final MutableClock clock = new MutableClock();

	private final List<PresenceChanged> changes = new ArrayList<>();

	private final PresenceRegistry registry = new PresenceRegistry(this.changes::add, this.clock);

	private final UUID room = UUID.randomUUID();

	private final User ann = new User(UUID.randomUUID(), "ann");

	private final User bob = new User(UUID.randomUUID(), "bob");

	@Test
	void severalTabsOfOneUserAreOnePresence() {
		this.registry.enterLocally(this.room, this.ann);
		this.registry.enterLocally(this.room, this.ann);
		this.registry.leaveLocally(this.room, this.ann);
		assertThat(this.registry.online(this.room)).containsExactly(this.ann);
		this.registry.leaveLocally(this.room, this.ann);
		assertThat(this.changes).extracting(PresenceChanged::online).containsExactly(true, false);
		assertThat(this.registry.onlineCount(this.room)).isZero();
		assertThat(this.registry.roomCount()).isZero();
	}

	@Test
	void countsDistinctUsers() {
		this.registry.enterLocally(this.room, this.ann);
		this.registry.enterLocally(this.room, this.bob);
		assertThat(this.changes).extracting(PresenceChanged::onlineCount).containsExactly(1, 2);
		assertThat(this.registry.online(this.room)).containsExactly(this.ann, this.bob);
	}

	@Test
	void userOnlineElsewhereDoesNotComeOnlineAgainHere() {
		this.registry.onlineElsewhere("b", this.room, this.ann, this.clock.instant().plusSeconds(15));
		this.registry.enterLocally(this.room, this.ann);
		this.registry.leaveLocally(this.room, this.ann);
		assertThat(this.changes).extracting(PresenceChanged::online).containsExactly(true);
		this.registry.offlineElsewhere("b", this.room, this.ann);
		assertThat(this.changes).extracting(PresenceChanged::online).containsExactly(true, false);
	}

	@Test
	void announcementsOfADeadInstanceExpire() {
		this.registry.onlineElsewhere("b", this.room, this.ann, this.clock.instant().plusSeconds(15));
		this.clock.advance(Duration.ofSeconds(10));
		this.registry.expire();
		assertThat(this.registry.onlineCount(this.room)).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.registry.onlineCount(this.room)).isZero();
		this.registry.expire();
		assertThat(this.changes).extracting(PresenceChanged::online).containsExactly(true, false);
		assertThat(this.registry.roomCount()).isZero();
	}

	@Test
	void snapshotReplacesWhatAnInstanceSaidBefore() {
		Instant ttl = this.clock.instant().plusSeconds(15);
		this.registry.snapshotElsewhere("b", Map.of(this.room, Set.of(this.ann, this.bob)), ttl);
		this.registry.snapshotElsewhere("b", Map.of(this.room, Set.of(this.bob)), ttl);
		assertThat(this.registry.online(this.room)).containsExactly(this.bob);
		// Set.of iterates in an order that changes from one JVM to the next.
		List<String> changes = this.changes.stream().map((c) -> c.user().username() + ":" + c.online()).toList();
		assertThat(changes.subList(0, 2)).containsExactlyInAnyOrder("ann:true", "bob:true");
		assertThat(changes.subList(2, changes.size())).containsExactly("ann:false");
	}

	@Test
	void localSnapshotHoldsOnlyThisInstancesSubscribers() {
		this.registry.enterLocally(this.room, this.ann);
		this.registry.onlineElsewhere("b", this.room, this.bob, this.clock.instant().plusSeconds(15));
		assertThat(this.registry.localSnapshot()).isEqualTo(Map.of(this.room, Set.of(this.ann)));
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-24T10:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
