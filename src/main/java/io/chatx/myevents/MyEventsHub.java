package io.chatx.myevents;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import io.chatx.account.User;
import io.chatx.live.LiveProperties;
import io.chatx.live.RoomHub;
import io.chatx.room.Room;
import io.chatx.room.RoomService;

import org.springframework.stereotype.Component;

/**
 * This instance's {@code myEvents} streams by user, and ONE tap per room on the
 * {@link RoomHub} while at least one of them tracks the room (dropped with the last): a
 * room's event is handed to the streams tracking it on the room channel's thread, without
 * blocking, and each works out in memory what its viewer sees.
 */
@Component
public class MyEventsHub {

	private static final Retry READ_RETRY = Retry.backoff(3, Duration.ofMillis(100));

	private final Map<UUID, Set<MyEventsSubscription>> byUser = new ConcurrentHashMap<>();

	private final Map<UUID, RoomTap> taps = new ConcurrentHashMap<>();

	private final RoomHub roomHub;

	private final RoomService rooms;

	private final int subscriberBuffer;

	MyEventsHub(RoomHub roomHub, RoomService rooms, LiveProperties properties, MeterRegistry meters) {
		this.roomHub = roomHub;
		this.rooms = rooms;
		this.subscriberBuffer = properties.subscriberBuffer();
		Gauge.builder("chatx.myevents.subscriptions", this, MyEventsHub::subscriptionCount)
			.description("Live myEvents subscriptions on this instance")
			.register(meters);
		Gauge.builder("chatx.myevents.rooms", this.taps, Map::size)
			.description("Rooms tapped for myEvents on this instance")
			.register(meters);
	}

	/** The user's stream: live only, it ends when the reader is too slow. */
	Flux<Object> subscribe(User user) {
		return Flux.defer(() -> {
			MyEventsSubscription subscription = new MyEventsSubscription(user, this, this.subscriberBuffer);
			this.byUser.compute(user.id(), (id, subscriptions) -> {
				Set<MyEventsSubscription> all = (subscriptions != null) ? subscriptions : ConcurrentHashMap.newKeySet();
				all.add(subscription);
				return all;
			});
			subscription.start();
			return subscription.flux().doFinally((signal) -> {
				this.byUser.computeIfPresent(user.id(), (id, subscriptions) -> {
					subscriptions.remove(subscription);
					return subscriptions.isEmpty() ? null : subscriptions;
				});
				subscription.close();
			});
		});
	}

	/** A notice for a user's streams here (from this instance or another). */
	public void notice(UserNotice notice) {
		Set<MyEventsSubscription> subscriptions = this.byUser.get(notice.userId());
		if (subscriptions != null) {
			subscriptions.forEach((subscription) -> subscription.onNotice(notice));
		}
	}

	/**
	 * Per room, the users whose streams here track it (or have just left it), for the
	 * periodic membership check.
	 */
	public Map<UUID, Set<UUID>> trackedMembers() {
		Map<UUID, Set<UUID>> members = new HashMap<>();
		this.byUser.forEach((userId, subscriptions) -> subscriptions.forEach((subscription) -> subscription.rooms()
			.forEach((roomId) -> members.computeIfAbsent(roomId, (id) -> new HashSet<>()).add(userId))));
		return members;
	}

	/**
	 * {@code userId} is not a member of the room, though no leave came: their streams
	 * here stop tracking it and say LEFT.
	 */
	public void membershipEnded(UUID roomId, UUID userId) {
		Set<MyEventsSubscription> subscriptions = this.byUser.get(userId);
		if (subscriptions != null) {
			subscriptions.forEach((subscription) -> subscription.membershipEnded(roomId));
		}
	}

	/** Per stream of the user here, the rooms it tracks with their state read. */
	List<Set<UUID>> loadedRooms(UUID userId) {
		Set<MyEventsSubscription> subscriptions = this.byUser.getOrDefault(userId, Set.of());
		return subscriptions.stream().map(MyEventsSubscription::loadedRooms).toList();
	}

	public int subscriptionCount() {
		return this.byUser.values().stream().mapToInt(Set::size).sum();
	}

	public int roomCount() {
		return this.taps.size();
	}

	/**
	 * {@code subscription} tracks the room: tap it if nobody here does yet.
	 * @return completes once a read of the room's state sees every change the tap will
	 * not deliver
	 */
	Mono<Void> attach(UUID roomId, MyEventsSubscription subscription) {
		RoomTap tap = this.taps.compute(roomId, (id, current) -> {
			RoomTap attached = (current != null) ? current : open(id);
			attached.subscribers.add(subscription);
			return attached;
		});
		return tap.tap.ready();
	}

	/** {@code subscription} no longer tracks the room: drop the tap with the last. */
	void detach(UUID roomId, MyEventsSubscription subscription) {
		this.taps.computeIfPresent(roomId, (id, tap) -> {
			tap.subscribers.remove(subscription);
			if (!tap.subscribers.isEmpty()) {
				return tap;
			}
			tap.tap.close();
			return null;
		});
	}

	/** The ids of the rooms the user has joined. */
	Mono<List<UUID>> joinedRoomIds(UUID userId) {
		return this.rooms.joinedRoomIds(userId).collectList().retryWhen(READ_RETRY);
	}

	/** The rooms as the viewer sees them, in one query. */
	Mono<List<Room>> rooms(UUID viewer, Collection<UUID> roomIds) {
		return this.rooms.findAll(viewer, roomIds).collectList().retryWhen(READ_RETRY);
	}

	private RoomTap open(UUID roomId) {
		RoomTap tap = new RoomTap();
		tap.tap = this.roomHub.tap(roomId, (event) -> tap.dispatch(roomId, event), () -> this.taps.remove(roomId, tap));
		return tap;
	}

	/** The one tap of a room here and the streams it feeds. */
	private static final class RoomTap {

		final Set<MyEventsSubscription> subscribers = ConcurrentHashMap.newKeySet();

		RoomHub.Tap tap;

		void dispatch(UUID roomId, Object event) {
			for (MyEventsSubscription subscriber : this.subscribers) {
				subscriber.onRoomEvent(roomId, event);
			}
		}

	}

}
