package io.chatx.cluster;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chatx.account.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots that fit in one NATS message are complete; bigger ones are split into parts
 * that together name everyone once.
 */
class PresenceSnapshotTests {

	@Test
	void aSnapshotThatFitsIsOneCompleteMessage() {
		Map<UUID, Set<User>> online = online(3, 4);
		List<PresenceSnapshot> parts = PresenceSnapshot.of(online, 15_000, true, 12);
		assertThat(parts).singleElement().satisfies((snapshot) -> {
			assertThat(snapshot.complete()).isTrue();
			assertThat(snapshot.askBack()).isTrue();
			assertThat(snapshot.rooms()).isEqualTo(online);
		});
	}

	@Test
	void aSnapshotTooBigIsSplitIntoPartsThatNameEveryoneOnce() {
		Map<UUID, Set<User>> online = online(3, 5);
		List<PresenceSnapshot> parts = PresenceSnapshot.of(online, 15_000, true, 4);
		assertThat(parts).hasSize(4);
		assertThat(parts).allSatisfy((part) -> {
			assertThat(part.complete()).isFalse();
			assertThat(part.rooms().values().stream().mapToInt(Set::size).sum()).isLessThanOrEqualTo(4);
		});
		assertThat(parts).extracting(PresenceSnapshot::askBack).containsExactly(true, false, false, false);
		Map<UUID, Set<User>> joined = new LinkedHashMap<>();
		parts.forEach((part) -> part.rooms()
			.forEach((room, users) -> joined.computeIfAbsent(room, (id) -> new HashSet<>()).addAll(users)));
		assertThat(joined).isEqualTo(online);
	}

	private static Map<UUID, Set<User>> online(int rooms, int usersPerRoom) {
		Map<UUID, Set<User>> online = new LinkedHashMap<>();
		IntStream.range(0, rooms).forEach((r) -> {
			Set<User> users = new HashSet<>();
			IntStream.range(0, usersPerRoom).forEach((u) -> users.add(new User(UUID.randomUUID(), "user" + r + u)));
			online.put(UUID.randomUUID(), users);
		});
		return online;
	}

}
