package io.chatx.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * This instance's live rooms: one {@link RoomChannel} per room that has subscribers, made
 * on the first and dropped with the last. Subscribing with a cursor replays the log after
 * it first, with no seam: the subscriber is attached (and buffers) before the log is
 * read, and live messages the replay already covered are dropped.
 */
@Component
public class RoomHub {

	private final Map<UUID, RoomChannel> channels = new ConcurrentHashMap<>();

	private final RoomLog log;

	private final int subscriberBuffer;

	private final Counter gapFills;

	RoomHub(RoomLog log, LiveProperties properties, MeterRegistry meters) {
		this.log = log;
		this.subscriberBuffer = properties.subscriberBuffer();
		this.gapFills = Counter.builder("chatx.hub.gap.messages")
			.description("Messages the hub read from the database because they did not arrive live")
			.register(meters);
		Gauge.builder("chatx.hub.rooms", this.channels, Map::size)
			.description("Rooms with live subscribers on this instance")
			.register(meters);
		Gauge.builder("chatx.hub.subscribers", this, RoomHub::subscriberCount)
			.description("Live room subscriptions on this instance")
			.register(meters);
	}

	/**
	 * Live events of a room, after the replay of the messages after {@code afterSeq} when
	 * it is given. The flux ends when the room is deleted or the subscriber is too slow.
	 */
	public Flux<Object> subscribe(UUID roomId, @Nullable Long afterSeq) {
		return subscribe(roomId, afterSeq, null);
	}

	/**
	 * Live events of a room as {@link #subscribe(UUID, Long)}, which also end, with
	 * {@code FORBIDDEN}, when {@code member} leaves the room (when not null).
	 */
	public Flux<Object> subscribe(UUID roomId, @Nullable Long afterSeq, @Nullable UUID member) {
		return Flux.defer(() -> {
			LiveSubscriber subscriber = new LiveSubscriber(this.subscriberBuffer, member);
			RoomChannel channel = attach(roomId, subscriber);
			Flux<Object> live = subscriber.flux();
			Flux<Object> events = (afterSeq != null) ? channel.ready().thenMany(replayThenLive(roomId, afterSeq, live))
					: live;
			return events.doFinally((signal) -> detach(channel, subscriber));
		});
	}

	/** Deliver an event to the room's subscribers on this instance, if it has any. */
	public void publish(UUID roomId, Object event) {
		RoomChannel channel = this.channels.get(roomId);
		if (channel != null) {
			channel.offer(event);
		}
	}

	/** Deliver {@code event} and end every subscription of the room. */
	public void publishFinal(UUID roomId, Object event) {
		RoomChannel channel = this.channels.remove(roomId);
		if (channel != null) {
			channel.offerFinal(event);
		}
	}

	/**
	 * The log has messages up to {@code seq} in the room: deliver any that did not
	 * arrive.
	 */
	public void checkTail(UUID roomId, long seq) {
		RoomChannel channel = this.channels.get(roomId);
		if (channel != null) {
			channel.checkTail(seq);
		}
	}

	/**
	 * Per room with subscribers here, the users whose subscriptions end when they leave
	 * it (a private room's members); rooms without any are left out.
	 */
	public Map<UUID, Set<UUID>> membersOnlySubscribers() {
		Map<UUID, Set<UUID>> members = new HashMap<>();
		this.channels.forEach((roomId, channel) -> {
			Set<UUID> users = channel.members();
			if (!users.isEmpty()) {
				members.put(roomId, users);
			}
		});
		return members;
	}

	/**
	 * {@code userId} is not a member of the room any more, though its {@link MemberLeft}
	 * did not come: end their subscriptions that need membership.
	 */
	public void membershipEnded(UUID roomId, UUID userId) {
		RoomChannel channel = this.channels.get(roomId);
		if (channel != null) {
			channel.membershipEnded(userId);
		}
	}

	/** Rooms with subscribers here. */
	public java.util.Set<UUID> activeRooms() {
		return java.util.Set.copyOf(this.channels.keySet());
	}

	/** End every subscription (graceful shutdown: clients resume elsewhere). */
	public void completeAll() {
		this.channels.values().forEach(RoomChannel::completeAll);
		this.channels.clear();
	}

	public int roomCount() {
		return this.channels.size();
	}

	public int subscriberCount() {
		return this.channels.values().stream().mapToInt(RoomChannel::size).sum();
	}

	private Flux<Object> replayThenLive(UUID roomId, long afterSeq, Flux<Object> live) {
		AtomicLong last = new AtomicLong(afterSeq);
		Flux<Object> replay = this.log.between(roomId, afterSeq, Long.MAX_VALUE)
			.doOnNext((message) -> last.set(message.seq()))
			.cast(Object.class);
		return Flux.concat(replay,
				live.filter((event) -> !(event instanceof SequencedEvent message) || message.seq() > last.get()));
	}

	private RoomChannel attach(UUID roomId, LiveSubscriber subscriber) {
		return this.channels.compute(roomId, (id, channel) -> {
			RoomChannel attached = (channel != null) ? channel
					: new RoomChannel(id, this.log, (missed) -> this.gapFills.increment(missed));
			attached.add(subscriber);
			return attached;
		});
	}

	private void detach(RoomChannel channel, LiveSubscriber subscriber) {
		channel.remove(subscriber);
		this.channels.computeIfPresent(channel.roomId(),
				(id, current) -> (current == channel && channel.isEmpty()) ? null : current);
	}

}
