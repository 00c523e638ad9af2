package io.chatx.cluster;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxInstance;
import io.chatx.support.TestNats;
import io.chatx.support.TestUser;

import static io.chatx.cluster.RoomWatcher.presence;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence across instances: a user online on one instance is online on all, and leaves
 * the others when that instance stops (at once) or dies (within its time-to-live).
 */
class ClusterPresenceIntegrationTests {

	private static TestNats nats;

	private static ChatxInstance a;

	@BeforeAll
	static void start() {
		nats = TestNats.shared();
		nats.start();
		a = ChatxInstance.start(Cluster.args(nats.url()));
	}

	@AfterAll
	static void stop() {
		a.close();
	}

	@Test
	void usersOfAnInstanceThatDiesLeaveTheOthersWithinTheTtl() {
		Duration ttl = Duration.ofSeconds(2);
		try (ChatxInstance c = ChatxInstance.start(Cluster.args(nats.url(),
				"--chatx.nats.presence-ttl=" + ttl.toMillis() + "ms", "--chatx.nats.announce-interval=500ms"));
				Room room = new Room(c)) {
			// C dies: first its link to NATS, so that
			// it cannot say goodbye, then the rest.
			c.bean(NatsConnector.class).stop();
			long silent = System.nanoTime();
			c.close();
			Duration gone = Duration.ofNanos(room.ownerOnA.awaitEvent(presence(room.guest.username(), false)) - silent);
			// Its last word ran out: not at once (no goodbye), and soon
			// after the time-to-live (its last announcement came at
			// most 500 ms before it fell silent, the expiry sweep runs
			// every second; the rest is slack for a busy machine).
			assertThat(gone).isBetween(ttl.dividedBy(2), ttl.plusSeconds(2));
			assertThat(Cluster.online(a, room.owner, room.id)).containsExactly(room.owner.username());
		}
	}

	@Test
	void usersOfAnInstanceThatStopsLeaveTheOthersAtOnce() {
		try (ChatxInstance d = ChatxInstance.start(Cluster.args(nats.url(), "--chatx.nats.presence-ttl=60s"));
				Room room = new Room(d)) {
			long stopping = System.nanoTime();
			d.close();
			Duration gone = Duration
				.ofNanos(room.ownerOnA.awaitEvent(presence(room.guest.username(), false)) - stopping);
			assertThat(gone).isLessThan(Duration.ofSeconds(5));
			assertThat(Cluster.online(a, room.owner, room.id)).containsExactly(room.owner.username());
		}
	}

	/**
	 * A room watched by its owner on A and by a guest on {@code other}, both online on A.
	 */
	private static final class Room implements AutoCloseable {

		final TestUser owner = a.client().register();

		final TestUser guest = a.client().register();

		final String id = a.fixtures().publicRoom(this.owner);

		final RoomWatcher ownerOnA;

		final RoomWatcher guestElsewhere;

		Room(ChatxInstance other) {
			this.ownerOnA = new RoomWatcher(a, this.owner, this.id, null);
			// The owner's subscription first, so that it sees the guest come.
			Cluster.awaitOnline(a, this.owner, this.id, Set.of(this.owner.username()));
			this.guestElsewhere = new RoomWatcher(other, this.guest, this.id, null);
			this.ownerOnA.awaitEvent(presence(this.guest.username(), true));
			assertThat(Cluster.online(a, this.owner, this.id)).containsExactlyInAnyOrder(this.owner.username(),
					this.guest.username());
		}

		@Override
		public void close() {
			this.ownerOnA.close();
			this.guestElsewhere.close();
		}

	}

}
