package io.chatx.live;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.chatx.account.User;

/**
 * A subscriber gets members-only events while its viewer is a member: as known at the
 * start, then as the viewer's joins and leaves in the room's stream say, or a leave found
 * by the periodic membership check.
 */
class MembersOnlyEventTests {

	private static final UUID ROOM = UUID.randomUUID();

	private static final User ANN = new User(UUID.randomUUID(), "ann");

	private static final User BEN = new User(UUID.randomUUID(), "ben");

	private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-03T10:00:00Z");

	@Test
	void followsTheViewersMembershipThroughTheStream() {
		LiveSubscriber subscriber = new LiveSubscriber(100, null, ANN.id(), false);
		subscriber.offer(marker(1));
		subscriber.offer(new MemberJoined(ROOM, BEN, AT));
		subscriber.offer(marker(2));
		subscriber.offer(new MemberJoined(ROOM, ANN, AT));
		subscriber.offer(marker(3));
		subscriber.offer(new MemberLeft(ROOM, ANN, AT));
		subscriber.offer(marker(4));
		subscriber.offer(new MemberJoined(ROOM, ANN, AT));
		subscriber.membershipEnded(ANN.id());
		subscriber.offer(marker(5));
		subscriber.complete();
		StepVerifier.create(subscriber.flux())
			.expectNext(new MemberJoined(ROOM, BEN, AT), new MemberJoined(ROOM, ANN, AT), marker(3),
					new MemberLeft(ROOM, ANN, AT), new MemberJoined(ROOM, ANN, AT))
			.verifyComplete();
	}

	@Test
	void aMemberAtTheStartGetsThemAndAnonymousSubscribersNever() {
		LiveSubscriber member = new LiveSubscriber(100, null, ANN.id(), true);
		LiveSubscriber nobody = new LiveSubscriber(100);
		member.offer(marker(1));
		nobody.offer(marker(1));
		member.complete();
		nobody.complete();
		StepVerifier.create(member.flux()).expectNext(marker(1)).verifyComplete();
		StepVerifier.create(nobody.flux()).verifyComplete();
	}

	private static ReadMarkerChanged marker(long seq) {
		return new ReadMarkerChanged(ROOM, BEN, seq, AT);
	}

}
