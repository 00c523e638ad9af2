package io.chatx.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chatx.common.ChatxException;
import io.chatx.message.MessageRepository.NewMessage;
import io.chatx.message.MessageRepository.ReplyTarget;
import io.chatx.message.SendOutcome.AlreadyStored;
import io.chatx.message.SendOutcome.Refused;
import io.chatx.message.SendOutcome.Stored;
import io.chatx.room.RoomService;

/**
 * What becomes of each send of a batch, decided under the rooms' locks: refused (no such
 * room, also a direct room of others; its author is not a member; or it answers a
 * deleted, unknown or foreign message), answered with the message its clientMessageId
 * stored before, or appended as its room's next seq. A send that repeats the
 * clientMessageId of an earlier send of the batch gets that send's message.
 */
final class BatchPlan {

	// Per send, in batch order; null until its message is appended.
	private final @Nullable SendOutcome[] outcomes;

	private final List<NewMessage> toAppend = new ArrayList<>();

	// Per send answered by an appended message: that message's index in toAppend.
	private final int[] appendedAs;

	// The sends that repeat the clientMessageId of an earlier send of the batch.
	private final BitSet repeats = new BitSet();

	/**
	 * Plan a batch.
	 * @param batch the sends, in the order they arrived
	 * @param members per existing room of the batch, which of the batch's authors are
	 * members
	 * @param storedBefore the messages found for the sends of {@link #toLookUp}
	 */
	BatchPlan(List<NewMessage> batch, Map<UUID, Set<UUID>> members, List<Message> storedBefore) {
		this(batch, members, Set.of(), storedBefore, Map.of());
	}

	/**
	 * Plan a batch with replies.
	 * @param batch the sends, in the order they arrived
	 * @param members per existing room of the batch, which of the batch's authors are
	 * members
	 * @param directRooms which of those rooms are direct rooms
	 * @param storedBefore the messages found for the sends of {@link #toLookUp}
	 * @param parents the messages that the batch's replies name, by id (unknown ones
	 * absent)
	 */
	BatchPlan(List<NewMessage> batch, Map<UUID, Set<UUID>> members, Set<UUID> directRooms, List<Message> storedBefore,
			Map<UUID, ReplyTarget> parents) {
		this.outcomes = new SendOutcome[batch.size()];
		this.appendedAs = new int[batch.size()];
		Map<ClientKey, Message> earlier = new HashMap<>();
		storedBefore.forEach((message) -> earlier.put(ClientKey.of(message), message));
		Map<ClientKey, Integer> firstInBatch = new HashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			NewMessage send = batch.get(i);
			ClientKey key = (send.clientMessageId() != null) ? ClientKey.of(send) : null;
			Integer first = (key != null) ? firstInBatch.get(key) : null;
			// A direct room does not exist for anyone but its two members.
			if (!members.containsKey(send.roomId())
					|| (directRooms.contains(send.roomId()) && !isMember(send, members))) {
				this.outcomes[i] = new Refused(RoomService.noSuchRoom());
			}
			else if (!isMember(send, members)) {
				this.outcomes[i] = new Refused(ChatxException.forbidden("Join the room before posting to it."));
			}
			else if (key != null && earlier.containsKey(key)) {
				this.outcomes[i] = new AlreadyStored(earlier.get(key));
			}
			else if (badParent(send, parents) != null) {
				this.outcomes[i] = new Refused(badParent(send, parents));
			}
			else if (first != null) {
				this.appendedAs[i] = first;
				this.repeats.set(i);
			}
			else {
				if (key != null) {
					firstInBatch.put(key, this.toAppend.size());
				}
				this.appendedAs[i] = this.toAppend.size();
				this.toAppend.add(send);
			}
		}
	}

	/**
	 * The sends whose clientMessageId may have stored a message already: those that carry
	 * one, by members of the room.
	 */
	static List<NewMessage> toLookUp(List<NewMessage> batch, Map<UUID, Set<UUID>> members) {
		return batch.stream().filter((send) -> send.clientMessageId() != null && isMember(send, members)).toList();
	}

	/** The messages to store, in batch order. */
	List<NewMessage> toAppend() {
		return this.toAppend;
	}

	/**
	 * Every send's outcome, in batch order.
	 * @param appended the stored messages of {@link #toAppend}, in the same order
	 */
	List<SendOutcome> outcomes(List<Message> appended) {
		for (int i = 0; i < this.outcomes.length; i++) {
			if (this.outcomes[i] == null) {
				Message message = appended.get(this.appendedAs[i]);
				this.outcomes[i] = this.repeats.get(i) ? new AlreadyStored(message) : new Stored(message);
			}
		}
		return Arrays.asList(this.outcomes);
	}

	// A reply must name a message of its room that is not deleted.
	private static @Nullable ChatxException badParent(NewMessage send, Map<UUID, ReplyTarget> parents) {
		if (send.replyToId() == null) {
			return null;
		}
		ReplyTarget parent = parents.get(send.replyToId());
		if (parent == null || parent.deleted()) {
			return ChangeRules.noSuchMessage();
		}
		return parent.roomId().equals(send.roomId()) ? null
				: ChatxException.badInput("A reply must answer a message of the same room.");
	}

	private static boolean isMember(NewMessage send, Map<UUID, Set<UUID>> members) {
		Set<UUID> roomMembers = members.get(send.roomId());
		return roomMembers != null && roomMembers.contains(send.authorId());
	}

	private record ClientKey(UUID roomId, UUID authorId, @Nullable String clientMessageId) {

		static ClientKey of(NewMessage send) {
			return new ClientKey(send.roomId(), send.authorId(), send.clientMessageId());
		}

		static ClientKey of(Message message) {
			return new ClientKey(message.roomId(), message.authorId(), message.clientMessageId());
		}

	}

}
