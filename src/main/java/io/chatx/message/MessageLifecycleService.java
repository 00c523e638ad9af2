package io.chatx.message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;
import io.chatx.common.Ids;
import io.chatx.message.ChangeOutcome.Applied;
import io.chatx.message.ChangeOutcome.Refused;
import io.chatx.message.ChangeOutcome.Unchanged;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimiter;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Editing and deleting messages, and reactions to them. Input and rate limit are checked
 * first; then each change is decided and stored under its room's lock as the room's next
 * change number ({@link ChangeRules}, {@link ChangeRepository}), and published after the
 * commit as a {@link MessageChangedEvent}. A refused change, or one that changes nothing,
 * takes no number and publishes nothing. Changes that arrive together share one
 * transaction (group commit, like sends).
 */
@Service
public class MessageLifecycleService {

	private static final int MAX_EMOJI_LENGTH = 32;

	// Changes committed together at most.
	private static final int MAX_BATCH = 500;

	private final ChangeRepository changes;

	private final MessageRepository messages;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final TransactionalOperator tx;

	private final ApplicationEventPublisher events;

	private final GroupCommit<ChangeRequest, ChangeOutcome> batches = new GroupCommit<>(MAX_BATCH, this::applyAll);

	MessageLifecycleService(ChangeRepository changes, MessageRepository messages, RateLimiter rateLimiter,
			RateLimitProperties limits, TransactionalOperator tx, ApplicationEventPublisher events) {
		this.changes = changes;
		this.messages = messages;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
		this.tx = tx;
		this.events = events;
	}

	/** Replace a message's content: its author only. */
	public Mono<Message> editMessage(UUID userId, String messageId, String content) {
		return Mono.defer(() -> {
			String valid = MessageService.validContent(content);
			return submit(ChangeRequest.edit(messageId(messageId), userId, valid));
		});
	}

	/** Delete a message (it stays as a tombstone): its author, or the room's owner. */
	public Mono<Message> deleteMessage(UUID userId, String messageId) {
		return Mono.defer(() -> submit(ChangeRequest.delete(messageId(messageId), userId)));
	}

	/** React to a message with an emoji; reacting again changes nothing. */
	public Mono<Message> addReaction(UUID userId, String messageId, String emoji) {
		return Mono.defer(() -> react(userId, messageId, emoji, true));
	}

	/** Take back a reaction; taking back one that is not there changes nothing. */
	public Mono<Message> removeReaction(UUID userId, String messageId, String emoji) {
		return Mono.defer(() -> react(userId, messageId, emoji, false));
	}

	private Mono<Message> react(UUID userId, String messageId, String emoji, boolean add) {
		checkEmoji(emoji);
		return submit(ChangeRequest.react(messageId(messageId), userId, emoji, add));
	}

	private Mono<Message> submit(ChangeRequest change) {
		return this.rateLimiter.check("change", this.limits.changePerUser(), change.userId().toString())
			.then(this.batches.submit(change))
			.handle(ChangeOutcome::answer);
	}

	/**
	 * One transaction for a batch of changes: find their messages' rooms, lock them (in
	 * id order), read the messages as they stand, then decide and store each change in
	 * arrival order, each seeing the ones before it. After the commit, the stored ones
	 * are published in that order, which is their change order in each room.
	 * @return per change, in order, what became of it
	 */
	private Mono<List<ChangeOutcome>> applyAll(List<ChangeRequest> batch) {
		Set<UUID> messageIds = batch.stream().map(ChangeRequest::messageId).collect(Collectors.toSet());
		Set<UUID> users = batch.stream().map(ChangeRequest::userId).collect(Collectors.toSet());
		Mono<List<ChangeOutcome>> committed = this.changes.roomsOf(messageIds)
			.flatMap((roomOf) -> this.messages.lockRooms(Set.copyOf(roomOf.values()), users)
				.flatMap((rooms) -> current(roomOf.keySet())
					.flatMap((messages) -> applyInOrder(batch, roomOf, rooms, messages))));
		return this.tx.transactional(committed).doOnNext((outcomes) -> outcomes.forEach((outcome) -> {
			if (outcome instanceof Applied applied) {
				this.events.publishEvent(new MessageChangedEvent(applied.message(), applied.change()));
			}
		}));
	}

	// The messages as they stand, read under their rooms' locks.
	private Mono<Map<UUID, Message>> current(Set<UUID> ids) {
		return this.messages.findAllById(ids).collectMap(Message::id, Function.identity(), HashMap::new);
	}

	private Mono<List<ChangeOutcome>> applyInOrder(List<ChangeRequest> batch, Map<UUID, UUID> roomOf,
			Map<UUID, RoomAccess> rooms, Map<UUID, Message> messages) {
		return Flux.fromIterable(batch).<ChangeOutcome>concatMap((change) -> {
			Message message = messages.get(change.messageId());
			UUID roomId = roomOf.get(change.messageId());
			RoomAccess room = (roomId != null) ? rooms.get(roomId) : null;
			ChatxException refusal = ChangeRules.refusal(change, message, room);
			if (refusal != null) {
				return Mono.just(new Refused(refusal));
			}
			if (!ChangeRules.changes(change, message)) {
				return Mono.just(new Unchanged(message));
			}
			return this.changes.apply(roomId, change)
				.flatMap((stored) -> this.messages.findAllById(List.of(change.messageId())).single().map((after) -> {
					// The next change of the same message in this batch sees this one.
					messages.put(after.id(), after);
					return new Applied(after, stored);
				}));
		}).collectList();
	}

	private static UUID messageId(String id) {
		return Ids.parse(id).orElseThrow(ChangeRules::noSuchMessage);
	}

	private static void checkEmoji(String emoji) {
		int length = (emoji != null) ? emoji.codePointCount(0, emoji.length()) : 0;
		if (length < 1 || length > MAX_EMOJI_LENGTH) {
			throw ChatxException.badInput("emoji must be 1 to 32 characters.");
		}
		if (emoji.codePoints().anyMatch((c) -> c == 0 || Character.isWhitespace(c) || Character.isSpaceChar(c))) {
			throw ChatxException.badInput("emoji must not contain whitespace or NUL.");
		}
	}

}
