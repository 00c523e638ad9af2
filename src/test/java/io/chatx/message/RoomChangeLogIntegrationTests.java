package io.chatx.message;

import java.util.List;
import java.util.UUID;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The change log as the live stream reads it, on one known history of a room: <pre>
 * 1 POSTED m1   2 POSTED m2   3 POSTED m3   4 EDITED m1   5 REACTION_ADDED m3
 * 6 POSTED m4   7 EDITED m4   8 DELETED m2
 * </pre>
 */
@IntegrationTest
class RoomChangeLogIntegrationTests {

	@Autowired
	ChatxClient client;

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	DatabaseClient db;

	@Autowired
	RoomChangeLog log;

	private UUID room;

	private String m1;

	private String m2;

	private String m3;

	private String m4;

	@BeforeEach
	void history() {
		Lifecycle lifecycle = new Lifecycle(this.client, this.db);
		TestUser owner = this.client.register();
		String roomId = this.fixtures.publicRoom(owner);
		this.room = UUID.fromString(roomId);
		this.m1 = lifecycle.post(owner, roomId, "one");
		this.m2 = lifecycle.post(owner, roomId, "two");
		this.m3 = lifecycle.post(owner, roomId, "three");
		lifecycle.edit(owner, this.m1, "one, edited").path("editMessage.id").hasValue();
		lifecycle.add(owner, this.m3, "👍").path("addReaction.id").hasValue();
		this.m4 = lifecycle.post(owner, roomId, "four");
		lifecycle.edit(owner, this.m4, "four, edited").path("editMessage.id").hasValue();
		lifecycle.delete(owner, this.m2).path("deleteMessage.id").hasValue();
		assertThat(this.log.lastChange(this.room).block(TestSupport.TIMEOUT)).isEqualTo(8);
	}

	@Test
	void aGapIsEveryChangeBetweenWithItsMessageAsItStandsNow() {
		assertThat(changes(this.log.between(this.room, 2, 7).collectList().block(TestSupport.TIMEOUT))).containsExactly(
				tuple(3L, ChangeKind.POSTED, this.m3, 3L, 1), tuple(4L, ChangeKind.EDITED, this.m1, 3L, 0),
				tuple(5L, ChangeKind.REACTION_ADDED, this.m3, 3L, 1), tuple(6L, ChangeKind.POSTED, this.m4, 4L, 0));
	}

	@Test
	void replayAfterAnEventsCursorGivesTheNewPostsAndTheLaterChangesToKnownMessages() {
		// A client that followed the stream up to change 4 (seq 3): the edit of m4 is in
		// its post, folded.
		assertThat(replay(new MessageCursor.Position(3, 4L), 8)).containsExactly(
				tuple(5L, ChangeKind.REACTION_ADDED, this.m3, 3L, 1), tuple(6L, ChangeKind.POSTED, this.m4, 4L, 0),
				tuple(8L, ChangeKind.DELETED, this.m2, 4L, 0));
	}

	@Test
	void replayAfterAPart1CursorKnowsTheChangesUpToItsMessagesPost() {
		assertThat(replay(new MessageCursor.Position(2, null), 8)).containsExactly(
				tuple(3L, ChangeKind.POSTED, this.m3, 3L, 1), tuple(4L, ChangeKind.EDITED, this.m1, 3L, 0),
				tuple(6L, ChangeKind.POSTED, this.m4, 4L, 0), tuple(8L, ChangeKind.DELETED, this.m2, 4L, 0));
	}

	@Test
	void replayAfterAHistoryPagesCursorGivesTheChangesSinceThePageWasRead() {
		// A page read at change 5 that ended at seq 1.
		assertThat(replay(new MessageCursor.Position(1, 5L), 8)).containsExactly(
				tuple(2L, ChangeKind.POSTED, this.m2, 2L, 0), tuple(3L, ChangeKind.POSTED, this.m3, 3L, 1),
				tuple(6L, ChangeKind.POSTED, this.m4, 4L, 0));
	}

	@Test
	void replayStopsAtTheChangeNumberItWasGiven() {
		assertThat(replay(new MessageCursor.Position(0, 0L), 6)).extracting((t) -> t.toList().get(0))
			.containsExactly(1L, 2L, 3L, 6L);
	}

	private List<Tuple> replay(MessageCursor.Position after, long upTo) {
		return changes(this.log.replay(this.room, after, upTo).collectList().block(TestSupport.TIMEOUT));
	}

	/** (change, kind, message id, seqAt, reaction groups now) of each. */
	private static List<Tuple> changes(List<LoggedChange> changes) {
		return changes.stream()
			.map((logged) -> tuple(logged.change().number(), logged.change().kind(), logged.message().id().toString(),
					logged.change().seqAt(), logged.message().reactions().size()))
			.toList();
	}

}
