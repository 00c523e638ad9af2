package io.chatx.message;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;
import io.chatx.common.Connection;
import io.chatx.common.Ids;
import io.chatx.message.MessageRepository.NewMessage;
import io.chatx.message.MessageRepository.ReplyTarget;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimiter;
import io.chatx.room.RoomService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Posting messages and reading a room's history.
 */
@Service
public class MessageService {

	private static final int MAX_CONTENT_LENGTH = 4000;

	private static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 64;

	private static final int MAX_ATTACHMENTS = 10;

	// Sends committed together at most; bounds one statement's size.
	private static final int MAX_BATCH = 1000;

	private final MessageRepository messages;

	private final RoomService rooms;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final TransactionalOperator tx;

	private final ApplicationEventPublisher events;

	private final GroupCommit<NewMessage, SendOutcome> sends = new GroupCommit<>(MAX_BATCH, this::storeAll);

	MessageService(MessageRepository messages, RoomService rooms, RateLimiter rateLimiter, RateLimitProperties limits,
			TransactionalOperator tx, ApplicationEventPublisher events) {
		this.messages = messages;
		this.rooms = rooms;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
		this.tx = tx;
		this.events = events;
	}

	/**
	 * Post to a room the author has joined. Input and rate limit are checked first, so a
	 * rejected send never takes a seq. Then one transaction locks the room row, returns
	 * the stored message when this clientMessageId was seen, or else stores the message
	 * as the room's next seq: seqs follow commit order without gaps or repeats. Sends to
	 * a room that arrive together share that transaction (group commit).
	 */
	public Mono<SentMessage> send(UUID authorId, SendMessageInput input) {
		return Mono.defer(() -> {
			String content = validContent(input.content());
			checkClientMessageId(input.clientMessageId());
			UUID roomId = Ids.parse(input.roomId()).orElseThrow(RoomService::noSuchRoom);
			checkAttachments(input.attachmentIds());
			UUID replyToId = (input.replyToId() != null)
					? Ids.parse(input.replyToId()).orElseThrow(ChangeRules::noSuchMessage) : null;
			return this.rateLimiter.check("send", this.limits.sendPerUser(), authorId.toString())
				.then(this.sends.submit(new NewMessage(roomId, authorId, content, input.clientMessageId(), replyToId)))
				.handle(SendOutcome::answer);
		});
	}

	/**
	 * The messages with these ids as they stand now, by id (for the parents of replies:
	 * one query per page of messages).
	 */
	Mono<Map<UUID, Message>> byIds(Collection<UUID> ids) {
		return ids.isEmpty() ? Mono.just(Map.of())
				: this.messages.findAllById(ids).collectMap(Message::id, Function.identity());
	}

	/**
	 * The newest message of each of these rooms that is not deleted, by room (rooms
	 * without one are absent): one query however many rooms. The caller checks that the
	 * viewer may read them.
	 */
	public Mono<Map<UUID, Message>> newestOf(Collection<UUID> roomIds) {
		return roomIds.isEmpty() ? Mono.just(Map.of())
				: this.messages.newestOf(roomIds).collectMap(Message::roomId, Function.identity());
	}

	/** A page of a room's history; public rooms for anyone, private ones for members. */
	Mono<Connection<Message>> history(UUID viewer, String roomId, @Nullable Integer first, @Nullable String after,
			@Nullable Integer last, @Nullable String before) {
		return Mono.defer(() -> {
			UUID id = Ids.parse(roomId).orElseThrow(RoomService::noSuchRoom);
			HistoryWindow window = HistoryWindow.of(id, first, after, last, before);
			return this.rooms.findReadable(viewer, id)
				.flatMap((room) -> this.messages
					.history(id, window.after(), window.before(), window.size(), window.forward())
					.map((page) -> window.connection(page, room.lastSeq())));
		});
	}

	/**
	 * One transaction for a batch of sends: lock their rooms, check membership, answer
	 * retries with their stored message (also a retry within the batch), store the rest
	 * as their rooms' next seqs ({@link BatchPlan}). After the commit, the new messages
	 * are published in seq order.
	 * @return per send, in order, what became of it
	 */
	private Mono<List<SendOutcome>> storeAll(List<NewMessage> batch) {
		Set<UUID> rooms = batch.stream().map(NewMessage::roomId).collect(Collectors.toSet());
		Set<UUID> authors = batch.stream().map(NewMessage::authorId).collect(Collectors.toSet());
		// The clientMessageId lookup runs after the locks are held, so of two racing
		// retries the second sees the first one's message.
		Mono<List<SendOutcome>> committed = this.messages.lockRooms(rooms, authors).flatMap((locked) -> {
			Map<UUID, Set<UUID>> members = membersByRoom(locked);
			return Mono.zip(storedBefore(BatchPlan.toLookUp(batch, members)), parents(batch))
				.flatMap((found) -> store(
						new BatchPlan(batch, members, directRooms(locked), found.getT1(), found.getT2())));
		});
		return this.tx.transactional(committed).doOnNext((outcomes) -> outcomes.forEach((outcome) -> {
			if (outcome instanceof SendOutcome.Stored stored) {
				this.events.publishEvent(new MessageStoredEvent(stored.message()));
			}
		}));
	}

	private static Map<UUID, Set<UUID>> membersByRoom(Map<UUID, RoomAccess> rooms) {
		Map<UUID, Set<UUID>> members = new HashMap<>();
		rooms.forEach((id, room) -> members.put(id, room.members()));
		return members;
	}

	private static Set<UUID> directRooms(Map<UUID, RoomAccess> rooms) {
		return rooms.entrySet()
			.stream()
			.filter((room) -> room.getValue().direct())
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	private Mono<List<Message>> storedBefore(List<NewMessage> keyed) {
		return keyed.isEmpty() ? Mono.just(List.of()) : this.messages.findByClientIds(keyed).collectList();
	}

	// The messages the replies of a batch answer, read under the rooms' locks: a parent
	// in the same room cannot be deleted meanwhile.
	private Mono<Map<UUID, ReplyTarget>> parents(List<NewMessage> batch) {
		List<UUID> ids = batch.stream().map(NewMessage::replyToId).filter(Objects::nonNull).distinct().toList();
		return ids.isEmpty() ? Mono.just(Map.of())
				: this.messages.replyTargets(ids).collectMap(ReplyTarget::id, Function.identity());
	}

	private Mono<List<SendOutcome>> store(BatchPlan plan) {
		if (plan.toAppend().isEmpty()) {
			return Mono.just(plan.outcomes(List.of()));
		}
		return this.messages.appendAll(plan.toAppend()).map(plan::outcomes);
	}

	static String validContent(String raw) {
		String content = (raw != null) ? raw.strip() : "";
		int length = content.codePointCount(0, content.length());
		if (length < 1 || length > MAX_CONTENT_LENGTH) {
			throw ChatxException.badInput("content must be 1 to 4,000 characters after trimming.");
		}
		if (content.indexOf('\0') >= 0) {
			throw ChatxException.badInput("content must not contain NUL characters.");
		}
		return content;
	}

	// No file can be uploaded yet, so any attachment id names no file (NOT_FOUND); the
	// files issue replaces this check with a look-up of the caller's uploads.
	private static void checkAttachments(@Nullable List<String> attachmentIds) {
		if (attachmentIds == null || attachmentIds.isEmpty()) {
			return;
		}
		if (attachmentIds.size() > MAX_ATTACHMENTS) {
			throw ChatxException.badInput("A message has at most 10 attachments.");
		}
		throw ChatxException.notFound("No such file.");
	}

	private static void checkClientMessageId(@Nullable String clientMessageId) {
		if (clientMessageId != null && (clientMessageId.isEmpty()
				|| clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH || clientMessageId.indexOf('\0') >= 0)) {
			throw ChatxException.badInput("clientMessageId must be 1 to 64 characters without NUL.");
		}
	}

}
