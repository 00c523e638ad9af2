package io.chatx.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.message.MessageCursor.Position;

import org.springframework.stereotype.Component;

/**
 * This instance's live rooms: one {@link RoomChannel} per room that has subscribers, made
 * on the first and dropped with the last. Subscribing with a cursor replays the log after
 * it first, with no seam: the subscriber is attached (and buffers) before the room's
 * change number R is read, the replay covers the changes up to R, and live changes up to
 * R are dropped.
 */
@Component
public class RoomHub {

	// A tap's readers are members, so it takes the members-only events too: as a viewer
	// that is a member and, being nobody, never leaves.
	private static final UUID TAP_VIEWER = new UUID(0, 0);

	private final Map<UUID, RoomChannel> channels = new ConcurrentHashMap<>();

	private final RoomLog log;

	private final int subscriberBuffer;

	private final Counter gapFills;

	RoomHub(RoomLog log, LiveProperties properties, MeterRegistry meters) {
		this.log = log;
		this.subscriberBuffer = properties.subscriberBuffer();
		this.gapFills = Counter.builder("chatx.hub.gap.messages")
			.description("Changes the hub read from the database because they did not arrive live")
			.register(meters);
		Gauge.builder("chatx.hub.rooms", this.channels, Map::size)
			.description("Rooms with live subscribers on this instance")
			.register(meters);
		Gauge.builder("chatx.hub.subscribers", this, RoomHub::subscriberCount)
			.description("Live room subscriptions on this instance")
			.register(meters);
	}

	/**
	 * Live events of a room, after the replay of what a client at {@code after} lacks
	 * when it is given. The flux ends when the room is deleted or the subscriber is too
	 * slow.
	 */
	public Flux<Object> subscribe(UUID roomId, @Nullable Position after) {
		return subscribe(roomId, after, null);
	}

	/**
	 * Live events of a room as {@link #subscribe(UUID, Position)}, which also end, with
	 * {@code FORBIDDEN}, when {@code member} leaves the room (when not null).
	 */
	public Flux<Object> subscribe(UUID roomId, @Nullable Position after, @Nullable UUID member) {
		return subscribe(roomId, after, member, null, false);
	}

	/**
	 * Live events of a room as {@link #subscribe(UUID, Position, UUID)}, with the
	 * {@link MembersOnlyEvent}s while {@code viewer} is a member ({@code viewerIsMember}:
	 * at the start; then as the room's joins and leaves say).
	 */
	public Flux<Object> subscribe(UUID roomId, @Nullable Position after, @Nullable UUID member, @Nullable UUID viewer,
			boolean viewerIsMember) {
		return Flux.defer(() -> {
			LiveSubscriber subscriber = new LiveSubscriber(this.subscriberBuffer, member, viewer, viewerIsMember);
			RoomChannel channel = attach(roomId, subscriber);
			Flux<Object> live = subscriber.flux();
			Flux<Object> events = (after != null) ? channel.ready().thenMany(replayThenLive(roomId, after, live))
					: live;
			return events.doFinally((signal) -> detach(channel, subscriber));
		});
	}

	/**
	 * A tap on the room's live events for the {@code myEvents} streams of this instance:
	 * the events in the room's order (changes de-duplicated and gap-filled), given to
	 * {@code listener} on the channel's thread, which must not block. A state read after
	 * {@link Tap#ready()} sees every change the tap does not deliver. {@code ended} runs
	 * when the tap ends by itself (the room was deleted, or shutdown).
	 */
	public Tap tap(UUID roomId, Consumer<Object> listener, Runnable ended) {
		LiveSubscriber subscriber = new LiveSubscriber(this.subscriberBuffer, null, TAP_VIEWER, true);
		RoomChannel channel = attach(roomId, subscriber);
		Disposable events = subscriber.flux()
			.doFinally((signal) -> detach(channel, subscriber))
			.subscribe(listener, (ex) -> ended.run(), ended);
		return new Tap(channel.ready().then(), events);
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
	 * The log has changes up to {@code change} in the room: deliver any that did not
	 * arrive.
	 */
	public void checkTail(UUID roomId, long change) {
		RoomChannel channel = this.channels.get(roomId);
		if (channel != null) {
			channel.checkTail(change);
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

	/**
	 * A tap of {@link #tap(UUID, Consumer, Runnable)}.
	 *
	 * @param ready completes once the room's channel knows where it started
	 * @param events dispose to let go of the room
	 */
	public record Tap(Mono<Void> ready, Disposable events) {

		public void close() {
			this.events.dispose();
		}

	}

	// R is read after the subscriber is attached to a started channel: the live
	// events cover every change after R.
	private Flux<Object> replayThenLive(UUID roomId, Position after, Flux<Object> live) {
		return this.log.lastChange(roomId)
			.flatMapMany((upTo) -> Flux.concat(this.log.replay(roomId, after, upTo).cast(Object.class),
					live.filter((event) -> !(event instanceof ChangeEvent change) || change.change() > upTo)));
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
