package io.chatx.message;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.graphql.ChatxException;
import io.chatx.graphql.Connection;
import io.chatx.graphql.Ids;
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

	private final MessageRepository messages;

	private final RoomService rooms;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final TransactionalOperator tx;

	private final ApplicationEventPublisher events;

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
	 * rejected send never takes a seq. Then one transaction locks the room row, returns the
	 * stored message when this clientMessageId was seen, or else stores the message as the
	 * room's next seq: seqs follow commit order without gaps or repeats.
	 */
	public Mono<SentMessage> send(UUID authorId, SendMessageInput input) {
		return Mono.defer(() -> {
			String content = validContent(input.content());
			checkClientMessageId(input.clientMessageId());
			UUID roomId = Ids.parse(input.roomId()).orElseThrow(RoomService::noSuchRoom);
			return this.rateLimiter.check("send", this.limits.sendPerUser(), authorId.toString())
				.then(this.tx.transactional(store(roomId, authorId, content, input.clientMessageId())))
				.doOnNext((sent) -> {
					if (sent.created()) {
						this.events.publishEvent(new MessageStoredEvent(sent.message()));
					}
				});
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
	Mono<Connection<Message>> history(UUID viewer, String roomId, Integer first, String after, Integer last,
			String before) {
		return Mono.defer(() -> {
			UUID id = Ids.parse(roomId).orElseThrow(RoomService::noSuchRoom);
			HistoryWindow window = HistoryWindow.of(id, first, after, last, before);
			return this.rooms.findReadable(viewer, id)
				.flatMap((room) -> this.messages.page(id, window.after(), window.before(), window.size(), window.forward())
					.map((page) -> window.connection(page, room.lastSeq())));
		});
	}

	private Mono<SentMessage> store(UUID roomId, UUID authorId, String content, String clientMessageId) {
		Mono<SentMessage> seen = (clientMessageId != null)
				? this.messages.findByClientId(roomId, authorId, clientMessageId).map((m) -> new SentMessage(m, false))
				: Mono.empty();
		Mono<SentMessage> appended = this.messages.append(roomId, authorId, content, clientMessageId)
			.map((m) -> new SentMessage(m, true));
		// The clientMessageId lookup runs after the lock is held, so of two racing retries
		// the second sees the first one's message.
		return this.messages.lockRoom(roomId, authorId)
			.switchIfEmpty(Mono.error(RoomService::noSuchRoom))
			.flatMap((member) -> member ? seen.switchIfEmpty(appended)
					: Mono.error(ChatxException.forbidden("Join the room before posting to it.")));
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

	private static void checkClientMessageId(String clientMessageId) {
		if (clientMessageId != null && (clientMessageId.isEmpty()
				|| clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH || clientMessageId.indexOf('\0') >= 0)) {
			throw ChatxException.badInput("clientMessageId must be 1 to 64 characters without NUL.");
		}
	}

}
