package io.chatx.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;
import io.chatx.common.Connection;
import io.chatx.common.Ids;
import io.chatx.message.MessageRepository.NewMessage;
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

	private static final int REPLAY_PAGE = 500;

	// Sends committed together at most; bounds one statement's size.
	private static final int MAX_BATCH = 1000;

	private final MessageRepository messages;

	private final RoomService rooms;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final TransactionalOperator tx;

	private final ApplicationEventPublisher events;

	private final GroupCommit<NewMessage, SentMessage> sends = new GroupCommit<>(MAX_BATCH, this::storeAll);

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
			return this.rateLimiter.check("send", this.limits.sendPerUser(), authorId.toString())
				.then(this.sends.submit(new NewMessage(roomId, authorId, content, input.clientMessageId())));
		});
	}

	/**
	 * A room's messages with {@code after < seq < before} in seq order, read in pages so
	 * that a long replay holds no connection for long.
	 */
	public Flux<Message> between(UUID roomId, long after, long before) {
		return this.messages.page(roomId, after, before, REPLAY_PAGE, true)
			.expand((page) -> (page.size() < REPLAY_PAGE) ? Mono.empty()
					: this.messages.page(roomId, page.get(page.size() - 1).seq(), before, REPLAY_PAGE, true))
			.concatMapIterable((page) -> page);
	}

	/** A page of a room's history; public rooms for anyone, private ones for members. */
	Mono<Connection<Message>> history(UUID viewer, String roomId, @Nullable Integer first, @Nullable String after,
			@Nullable Integer last, @Nullable String before) {
		return Mono.defer(() -> {
			UUID id = Ids.parse(roomId).orElseThrow(RoomService::noSuchRoom);
			HistoryWindow window = HistoryWindow.of(id, first, after, last, before);
			return this.rooms.findReadable(viewer, id)
				.flatMap((room) -> this.messages
					.page(id, window.after(), window.before(), window.size(), window.forward())
					.map((page) -> window.connection(page, room.lastSeq())));
		});
	}

	/**
	 * One transaction for a batch of sends: lock their rooms, check membership, answer
	 * retries with their stored message (also a retry within the batch), store the rest
	 * as their rooms' next seqs. After the commit, the new messages are published in seq
	 * order.
	 * @return per send, in order, its {@link SentMessage} or the error to give its sender
	 */
	private Mono<List<Object>> storeAll(List<NewMessage> batch) {
		Set<UUID> rooms = batch.stream().map(NewMessage::roomId).collect(Collectors.toSet());
		Set<UUID> authors = batch.stream().map(NewMessage::authorId).collect(Collectors.toSet());
		// The clientMessageId lookup runs after the locks are held, so of two racing
		// retries the second sees the first one's message.
		Mono<List<Object>> stored = this.messages.lockRooms(rooms, authors)
			.flatMap((members) -> retried(batch, members).flatMap((seen) -> store(batch, members, seen)));
		return this.tx.transactional(stored).doOnNext((outcomes) -> outcomes.forEach((outcome) -> {
			if (outcome instanceof SentMessage sent && sent.created()) {
				this.events.publishEvent(new MessageStoredEvent(sent.message()));
			}
		}));
	}

	private static boolean isMember(NewMessage send, Map<UUID, Set<UUID>> members) {
		Set<UUID> roomMembers = members.get(send.roomId());
		return roomMembers != null && roomMembers.contains(send.authorId());
	}

	private Mono<Map<ClientKey, Message>> retried(List<NewMessage> batch, Map<UUID, Set<UUID>> members) {
		List<NewMessage> keyed = batch.stream()
			.filter((send) -> send.clientMessageId() != null && isMember(send, members))
			.toList();
		if (keyed.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.messages.findByClientIds(keyed).collectMap(ClientKey::of);
	}

	private Mono<List<Object>> store(List<NewMessage> batch, Map<UUID, Set<UUID>> members,
			Map<ClientKey, Message> seen) {
		Object[] outcomes = new Object[batch.size()];
		List<Integer> fresh = new ArrayList<>();
		// A send that repeats an earlier one of this
		// batch: the index of that earlier one.
		Map<Integer, Integer> repeats = new HashMap<>();
		Map<ClientKey, Integer> firstInBatch = new HashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			NewMessage send = batch.get(i);
			ClientKey key = (send.clientMessageId() != null) ? ClientKey.of(send) : null;
			if (!members.containsKey(send.roomId())) {
				outcomes[i] = RoomService.noSuchRoom();
			}
			else if (!isMember(send, members)) {
				outcomes[i] = ChatxException.forbidden("Join the room before posting to it.");
			}
			else if (key != null && seen.containsKey(key)) {
				outcomes[i] = new SentMessage(seen.get(key), false);
			}
			else if (key != null && firstInBatch.containsKey(key)) {
				repeats.put(i, firstInBatch.get(key));
			}
			else {
				fresh.add(i);
				if (key != null) {
					firstInBatch.put(key, i);
				}
			}
		}
		if (fresh.isEmpty()) {
			return Mono.just(Arrays.asList(outcomes));
		}
		return this.messages.appendAll(fresh.stream().map(batch::get).toList()).map((appended) -> {
			for (int j = 0; j < fresh.size(); j++) {
				outcomes[fresh.get(j)] = new SentMessage(appended.get(j), true);
			}
			repeats
				.forEach((i, first) -> outcomes[i] = new SentMessage(((SentMessage) outcomes[first]).message(), false));
			return Arrays.asList(outcomes);
		});
	}

	private record ClientKey(UUID roomId, UUID authorId, String clientMessageId) {

		static ClientKey of(NewMessage send) {
			return new ClientKey(send.roomId(), send.authorId(), send.clientMessageId());
		}

		static ClientKey of(Message message) {
			return new ClientKey(message.roomId(), message.authorId(), message.clientMessageId());
		}

	}

	private static String validContent(String raw) {
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

	private static void checkClientMessageId(@Nullable String clientMessageId) {
		if (clientMessageId != null && (clientMessageId.isEmpty()
				|| clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH || clientMessageId.indexOf('\0') >= 0)) {
			throw ChatxException.badInput("clientMessageId must be 1 to 64 characters without NUL.");
		}
	}

}
