package io.chatx.myevents;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.message.Message;
import io.chatx.room.ReadState;
import io.chatx.room.Room;
import io.chatx.room.RoomKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory counting of a {@code myEvents} stream: what each event does to the room
 * as its viewer sees it.
 */
class RoomViewsTests {

	static final UUID ROOM = UUID.randomUUID();

	static final UUID VIEWER = UUID.randomUUID();

	static final UUID OTHER = UUID.randomUUID();

	static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-03T10:00:00Z");

	// Read up to 5 of 8, 3 unread, change 10.
	private final Room room = new Room(ROOM, "general", false, OTHER, AT, 2, 8, true, RoomKind.PUBLIC, null,
			new ReadState(5, 3, null), 10, AT);

	@Test
	void someoneElsesMessageIsOneMoreUnread() {
		OffsetDateTime sent = AT.plusMinutes(1);
		Room after = RoomViews.posted(this.room, message(9, OTHER, 11, sent), VIEWER);
		assertThat(after.readState()).isEqualTo(new ReadState(5, 4, null));
		assertThat(after.lastSeq()).isEqualTo(9);
		assertThat(after.lastChange()).isEqualTo(11);
		assertThat(after.activityAt()).isEqualTo(sent);
	}

	@Test
	void onesOwnMessageReadsTheRoomUpToIt() {
		Room after = RoomViews.posted(this.room, message(9, VIEWER, 11, AT), VIEWER);
		assertThat(after.readState()).isEqualTo(new ReadState(9, 0, null));
	}

	@Test
	void aDeletedUnreadMessageOfSomeoneElseIsOneUnreadLess() {
		assertThat(RoomViews.deleted(this.room, message(7, OTHER, 3, AT), 11, VIEWER).readState().unreadCount())
			.isEqualTo(2);
	}

	@Test
	void deletionsThatWereNotCountedChangeNothingButTheChangeNumber() {
		Room own = RoomViews.deleted(this.room, message(7, VIEWER, 3, AT), 11, VIEWER);
		Room read = RoomViews.deleted(this.room, message(4, OTHER, 3, AT), 12, VIEWER);
		assertThat(own.readState()).isEqualTo(this.room.readState());
		assertThat(own.lastChange()).isEqualTo(11);
		assertThat(read.readState()).isEqualTo(this.room.readState());
	}

	@Test
	void aPublicRoomLeftIsSeenAsByANonMemberAndAPrivateOneNotAtAll() {
		Room left = RoomViews.left(this.room);
		assertThat(left.joined()).isFalse();
		assertThat(left.memberCount()).isEqualTo(1);
		assertThat(left.readState()).isEqualTo(ReadState.NONE);
		Room secret = new Room(ROOM, "secret", true, OTHER, AT, 2, 8, true);
		assertThat(RoomViews.left(secret)).isNull();
	}

	private static Message message(long seq, UUID author, long change, OffsetDateTime sentAt) {
		return Message.posted(UUID.randomUUID(), ROOM, seq, author, "hi", sentAt, null, change, null);
	}

}
