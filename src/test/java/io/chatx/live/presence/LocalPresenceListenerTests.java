package io.chatx.live.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.account.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the registry tells the cluster: only this instance's own first and last
 * subscription of a user in a room, whatever other instances say.
 */
class LocalPresenceListenerTests {

	private final List<String> local = new ArrayList<>();

	private final PresenceRegistry registry = new PresenceRegistry((change) -> {
	}, (roomId, user, online) -> this.local.add(user.username() + ":" + online), Clock.systemUTC());

	private final UUID room = UUID.randomUUID();

	private final User ann = new User(UUID.randomUUID(), "ann");

	@Test
	void reportsTheFirstAndLastLocalSubscriptionOnly() {
		this.registry.enterLocally(this.room, this.ann);
		this.registry.enterLocally(this.room, this.ann);
		this.registry.leaveLocally(this.room, this.ann);
		assertThat(this.local).containsExactly("ann:true");
		this.registry.leaveLocally(this.room, this.ann);
		assertThat(this.local).containsExactly("ann:true", "ann:false");
	}

	@Test
	void ignoresWhatOtherInstancesSay() {
		this.registry.onlineElsewhere("b", this.room, this.ann, Clock.systemUTC().instant().plusSeconds(15));
		this.registry.enterLocally(this.room, this.ann);
		this.registry.offlineElsewhere("b", this.room, this.ann);
		this.registry.leaveLocally(this.room, this.ann);
		assertThat(this.local).containsExactly("ann:true", "ann:false");
	}

	@Test
	void aLeaveWithoutAnEnterReportsNothing() {
		this.registry.leaveLocally(this.room, this.ann);
		assertThat(this.local).isEmpty();
	}

}
