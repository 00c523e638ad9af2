package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.common.ErrorCode;
import io.chatx.message.MessageRepository.NewMessage;
import io.chatx.message.MessageRepository.ReplyTarget;
import io.chatx.message.SendOutcome.AlreadyStored;
import io.chatx.message.SendOutcome.Refused;
import io.chatx.message.SendOutcome.Stored;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What becomes of each send of a batch, given its rooms' members and the messages stored
 * before under its clientMessageIds.
 */
class BatchPlanTests {

	private static final UUID ALICE = UUID.randomUUID();

	private static final UUID BOB = UUID.randomUUID();

	private final UUID room = UUID.randomUUID();

	private final UUID otherRoom = UUID.randomUUID();

	private final Map<UUID, Set<UUID>> members = Map.of(this.room, Set.of(ALICE, BOB), this.otherRoom, Set.of(ALICE));

	@Test
	void appendsTheSendsOfMembersInBatchOrder() {
		List<NewMessage> batch = List.of(send(this.room, ALICE, "a", null), send(this.otherRoom, ALICE, "b", "k1"),
				send(this.room, BOB, "c", "k1"));
		BatchPlan plan = new BatchPlan(batch, this.members, List.of());
		assertThat(plan.toAppend()).isEqualTo(batch);
		List<Message> appended = List.of(stored(batch.get(0), 1), stored(batch.get(1), 1), stored(batch.get(2), 2));
		assertThat(plan.outcomes(appended)).containsExactly(new Stored(appended.get(0)), new Stored(appended.get(1)),
				new Stored(appended.get(2)));
	}

	@Test
	void refusesSendsToMissingRoomsAndByNonMembersAndAppendsTheOthers() {
		NewMessage fine = send(this.room, BOB, "fine", null);
		List<NewMessage> batch = List.of(send(UUID.randomUUID(), ALICE, "nowhere", null),
				send(this.otherRoom, BOB, "not a member", null), fine);
		BatchPlan plan = new BatchPlan(batch, this.members, List.of());
		assertThat(plan.toAppend()).containsExactly(fine);
		Message appended = stored(fine, 1);
		List<SendOutcome> outcomes = plan.outcomes(List.of(appended));
		assertThat(outcomes.get(0)).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.reason().getCode()).isEqualTo(ErrorCode.NOT_FOUND));
		assertThat(outcomes.get(1)).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.reason().getCode()).isEqualTo(ErrorCode.FORBIDDEN));
		assertThat(outcomes.get(2)).isEqualTo(new Stored(appended));
	}

	@Test
	void answersARetryWithTheMessageStoredBefore() {
		NewMessage retry = send(this.room, ALICE, "hello", "k1");
		Message earlier = stored(retry, 7);
		BatchPlan plan = new BatchPlan(List.of(retry), this.members, List.of(earlier));
		assertThat(plan.toAppend()).isEmpty();
		assertThat(plan.outcomes(List.of())).containsExactly(new AlreadyStored(earlier));
	}

	@Test
	void answersARepeatWithinTheBatchWithTheFirstSendsMessage() {
		NewMessage first = send(this.room, ALICE, "hello", "k1");
		NewMessage other = send(this.room, BOB, "hi", null);
		NewMessage repeat = send(this.room, ALICE, "hello", "k1");
		BatchPlan plan = new BatchPlan(List.of(first, other, repeat), this.members, List.of());
		assertThat(plan.toAppend()).containsExactly(first, other);
		Message firstStored = stored(first, 1);
		Message otherStored = stored(other, 2);
		assertThat(plan.outcomes(List.of(firstStored, otherStored))).containsExactly(new Stored(firstStored),
				new Stored(otherStored), new AlreadyStored(firstStored));
	}

	@Test
	void aClientMessageIdBelongsToOneAuthorInOneRoom() {
		Message earlier = stored(send(this.room, ALICE, "hello", "k1"), 1);
		List<NewMessage> batch = List.of(send(this.room, BOB, "same key, other author", "k1"),
				send(this.otherRoom, ALICE, "same key, other room", "k1"));
		BatchPlan plan = new BatchPlan(batch, this.members, List.of(earlier));
		assertThat(plan.toAppend()).isEqualTo(batch);
	}

	@Test
	void looksUpTheClientMessageIdsOfMembersOnly() {
		NewMessage keyed = send(this.room, ALICE, "keyed", "k1");
		List<NewMessage> batch = List.of(keyed, send(this.room, BOB, "no key", null),
				send(this.otherRoom, BOB, "not a member", "k2"), send(UUID.randomUUID(), ALICE, "nowhere", "k3"));
		assertThat(BatchPlan.toLookUp(batch, this.members)).containsExactly(keyed);
	}

	@Test
	void aSendToADirectRoomBySomeoneElseIsNotFound() {
		// BOB is not in otherRoom: FORBIDDEN were it a room like others, NOT_FOUND as a
		// direct room of others.
		NewMessage fine = send(this.otherRoom, ALICE, "fine", null);
		List<NewMessage> batch = List.of(send(this.otherRoom, BOB, "intruder", null), fine);
		BatchPlan plan = new BatchPlan(batch, this.members, Set.of(this.otherRoom), List.of(), Map.of());
		assertThat(plan.toAppend()).containsExactly(fine);
		Message appended = stored(fine, 1);
		List<SendOutcome> outcomes = plan.outcomes(List.of(appended));
		assertThat(outcomes.get(0)).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.reason().getCode()).isEqualTo(ErrorCode.NOT_FOUND));
		assertThat(outcomes.get(1)).isEqualTo(new Stored(appended));
	}

	@Test
	void refusesRepliesToUnknownDeletedOrForeignMessagesAndAppendsTheOthers() {
		ReplyTarget parent = new ReplyTarget(UUID.randomUUID(), this.room, false);
		ReplyTarget deleted = new ReplyTarget(UUID.randomUUID(), this.room, true);
		ReplyTarget foreign = new ReplyTarget(UUID.randomUUID(), this.otherRoom, false);
		NewMessage reply = reply(parent.id());
		List<NewMessage> batch = List.of(reply(UUID.randomUUID()), reply(deleted.id()), reply(foreign.id()), reply);
		BatchPlan plan = new BatchPlan(batch, this.members, Set.of(), List.of(),
				Map.of(parent.id(), parent, deleted.id(), deleted, foreign.id(), foreign));
		assertThat(plan.toAppend()).containsExactly(reply);
		Message appended = stored(reply, 1);
		List<SendOutcome> outcomes = plan.outcomes(List.of(appended));
		assertThat(outcomes.subList(0, 3)).extracting((outcome) -> ((Refused) outcome).reason().getCode())
			.containsExactly(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT);
		assertThat(outcomes.get(3)).isEqualTo(new Stored(appended));
	}

	@Test
	void aRetryIsAnsweredWithItsMessageEvenWhenItsParentIsGoneSince() {
		UUID gone = UUID.randomUUID();
		NewMessage retry = new NewMessage(this.room, ALICE, "re", "k1", gone);
		Message earlier = stored(retry, 3);
		BatchPlan plan = new BatchPlan(List.of(retry), this.members, Set.of(), List.of(earlier),
				Map.of(gone, new ReplyTarget(gone, this.room, true)));
		assertThat(plan.toAppend()).isEmpty();
		assertThat(plan.outcomes(List.of())).containsExactly(new AlreadyStored(earlier));
	}

	private NewMessage reply(UUID parentId) {
		return new NewMessage(this.room, ALICE, "re", null, parentId);
	}

	private static NewMessage send(UUID room, UUID author, String content, String clientMessageId) {
		return new NewMessage(room, author, content, clientMessageId, null);
	}

	private static Message stored(NewMessage send, long seq) {
		return Message.posted(UUID.randomUUID(), send.roomId(), seq, send.authorId(), send.content(),
				OffsetDateTime.now(), send.clientMessageId(), seq, null);
	}

}
