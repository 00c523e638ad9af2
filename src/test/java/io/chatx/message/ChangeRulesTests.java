package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may change a message and when a change changes nothing, decided from the message
 * and its room as read under the room's lock.
 */
class ChangeRulesTests {

	private static final UUID AUTHOR = UUID.randomUUID();

	private static final UUID OWNER = UUID.randomUUID();

	private static final UUID MEMBER = UUID.randomUUID();

	private static final UUID OUTSIDER = UUID.randomUUID();

	private final RoomAccess room = new RoomAccess(OWNER, false, Set.of(AUTHOR, OWNER, MEMBER));

	private final Message message = message(false, List.of(new Reaction("👍", List.of(MEMBER))));

	@Test
	void onlyTheAuthorEdits() {
		assertThat(refusal(ChangeRequest.edit(this.message.id(), AUTHOR, "new"))).isNull();
		assertThat(code(ChangeRequest.edit(this.message.id(), OWNER, "new"))).isEqualTo(ErrorCode.FORBIDDEN);
		assertThat(code(ChangeRequest.edit(this.message.id(), MEMBER, "new"))).isEqualTo(ErrorCode.FORBIDDEN);
	}

	@Test
	void theAuthorOrTheRoomsCreatorDeletes() {
		assertThat(refusal(ChangeRequest.delete(this.message.id(), AUTHOR))).isNull();
		assertThat(refusal(ChangeRequest.delete(this.message.id(), OWNER))).isNull();
		assertThat(code(ChangeRequest.delete(this.message.id(), MEMBER))).isEqualTo(ErrorCode.FORBIDDEN);
		// A room whose creator's account is gone: the author only.
		RoomAccess orphan = new RoomAccess(null, false, Set.of(AUTHOR, MEMBER));
		assertThat(ChangeRules.refusal(ChangeRequest.delete(this.message.id(), MEMBER), this.message, orphan))
			.isNotNull();
	}

	@Test
	void nonMembersAreForbiddenAndMissingOrDeletedMessagesNotFound() {
		for (ChangeRequest change : List.of(ChangeRequest.edit(this.message.id(), OUTSIDER, "x"),
				ChangeRequest.react(this.message.id(), OUTSIDER, "👍", true))) {
			assertThat(code(change)).isEqualTo(ErrorCode.FORBIDDEN);
		}
		ChangeRequest react = ChangeRequest.react(this.message.id(), MEMBER, "🎉", true);
		assertThat(ChangeRules.refusal(react, null, this.room).getCode()).isEqualTo(ErrorCode.NOT_FOUND);
		assertThat(ChangeRules.refusal(react, this.message, null).getCode()).isEqualTo(ErrorCode.NOT_FOUND);
		Message tombstone = message(true, List.of());
		for (ChangeRequest change : List.of(ChangeRequest.edit(tombstone.id(), AUTHOR, "x"),
				ChangeRequest.delete(tombstone.id(), AUTHOR),
				ChangeRequest.react(tombstone.id(), MEMBER, "👍", false))) {
			assertThat(ChangeRules.refusal(change, tombstone, this.room).getCode()).isEqualTo(ErrorCode.NOT_FOUND);
		}
	}

	@Test
	void theMessagesOfADirectRoomDoNotExistForOthers() {
		RoomAccess direct = new RoomAccess(AUTHOR, true, Set.of(AUTHOR, MEMBER));
		for (ChangeRequest change : List.of(ChangeRequest.edit(this.message.id(), OUTSIDER, "x"),
				ChangeRequest.delete(this.message.id(), OUTSIDER),
				ChangeRequest.react(this.message.id(), OUTSIDER, "👍", true),
				ChangeRequest.react(this.message.id(), OUTSIDER, "👍", false))) {
			assertThat(ChangeRules.refusal(change, this.message, direct).getCode()).isEqualTo(ErrorCode.NOT_FOUND);
		}
		assertThat(
				ChangeRules.refusal(ChangeRequest.react(this.message.id(), MEMBER, "🎉", true), this.message, direct))
			.isNull();
	}

	@Test
	void aTwentyFirstDistinctEmojiIsRefusedJoiningAGroupIsNot() {
		List<Reaction> twenty = IntStream.range(0, 20).mapToObj((i) -> new Reaction("e" + i, List.of(AUTHOR))).toList();
		Message full = message(false, twenty);
		assertThat(ChangeRules.refusal(ChangeRequest.react(full.id(), MEMBER, "e20", true), full, this.room).getCode())
			.isEqualTo(ErrorCode.BAD_USER_INPUT);
		assertThat(ChangeRules.refusal(ChangeRequest.react(full.id(), MEMBER, "e3", true), full, this.room)).isNull();
		assertThat(ChangeRules.refusal(ChangeRequest.react(full.id(), MEMBER, "e20", false), full, this.room)).isNull();
	}

	@Test
	void reactingAgainOrRemovingAnAbsentReactionChangesNothing() {
		assertThat(ChangeRules.changes(ChangeRequest.react(this.message.id(), MEMBER, "👍", true), this.message))
			.isFalse();
		assertThat(ChangeRules.changes(ChangeRequest.react(this.message.id(), AUTHOR, "👍", true), this.message))
			.isTrue();
		assertThat(ChangeRules.changes(ChangeRequest.react(this.message.id(), MEMBER, "👍", false), this.message))
			.isTrue();
		assertThat(ChangeRules.changes(ChangeRequest.react(this.message.id(), AUTHOR, "👍", false), this.message))
			.isFalse();
		assertThat(ChangeRules.changes(ChangeRequest.react(this.message.id(), MEMBER, "🎉", false), this.message))
			.isFalse();
		assertThat(ChangeRules.changes(ChangeRequest.edit(this.message.id(), AUTHOR, "same"), this.message)).isTrue();
	}

	private ChatxException refusal(ChangeRequest change) {
		return ChangeRules.refusal(change, this.message, this.room);
	}

	private ErrorCode code(ChangeRequest change) {
		ChatxException refusal = refusal(change);
		assertThat(refusal).isNotNull();
		return refusal.getCode();
	}

	private static Message message(boolean deleted, List<Reaction> reactions) {
		return new Message(UUID.randomUUID(), UUID.randomUUID(), 1, AUTHOR, deleted ? "" : "hello",
				OffsetDateTime.now(), null, 1, null, deleted, null, reactions);
	}

}
