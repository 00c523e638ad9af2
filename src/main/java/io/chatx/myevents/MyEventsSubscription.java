package io.chatx.myevents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.live.ChangeEvent;
import io.chatx.live.LiveSubscriber;
import io.chatx.live.MemberJoined;
import io.chatx.live.MemberLeft;
import io.chatx.live.MessageDeleted;
import io.chatx.live.MessagePosted;
import io.chatx.live.ReadMarkerChanged;
import io.chatx.live.RoomDeleted;
import io.chatx.room.MembershipReason;
import io.chatx.room.Room;

/**
 * One {@code myEvents} stream: the viewer's rooms as they see them, kept in memory and
 * moved along by the rooms' live events (from taps the {@link MyEventsHub} shares per
 * room) and by the viewer's own notices. A message costs each recipient an update of this
 * state, not a query.
 * <p>
 * A room is tracked by attaching its tap first and reading its state after the tap is
 * ready; events that arrive meanwhile wait, and only those with a change number above the
 * state's are applied: the read sees the commit of every event delivered before it.
 * <p>
 * All work runs in a serial loop (any thread enqueues, one runs at a time), so the state
 * needs no locks and nothing blocks. The output queue is a {@link LiveSubscriber}: a
 * reader that falls behind is cut as in {@code roomEvents}.
 */
final class MyEventsSubscription {

	private static final Log logger = LogFactory.getLog(MyEventsSubscription.class);

	private final User viewer;

	private final MyEventsHub hub;

	private final LiveSubscriber out;

	private final Queue<Runnable> work = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	// Written by the loop only; read by the membership check.
	private final Map<UUID, Tracked> rooms = new ConcurrentHashMap<>();

	// Rooms whose MemberLeft of the viewer came on the tap, not yet announced (by the
	// LEFT notice, or by the membership check when the notice was lost).
	private final Map<UUID, Left> leftUnannounced = new ConcurrentHashMap<>();

	// Rooms whose marker moved before the first list of rooms was tracked: their
	// ReadStateChanged goes out once they are read (the client may have read myRooms
	// before the move). Null once that list is tracked. Loop only.
	private @Nullable Set<UUID> movedBeforeStart = new HashSet<>();

	// Loop only.
	private boolean closed;

	MyEventsSubscription(User viewer, MyEventsHub hub, int limit) {
		this.viewer = viewer;
		this.hub = hub;
		this.out = new LiveSubscriber(limit);
	}

	User viewer() {
		return this.viewer;
	}

	Flux<Object> flux() {
		return this.out.flux();
	}

	/** Track every room the viewer has joined. */
	void start() {
		this.hub.joinedRoomIds(this.viewer.id()).subscribe((ids) -> enqueue(() -> {
			track(ids, null);
			this.movedBeforeStart = null;
		}), this::failed);
	}

	/** An event of a tracked room, from its tap (on the room channel's thread). */
	void onRoomEvent(UUID roomId, Object event) {
		enqueue(() -> apply(roomId, event));
	}

	void onNotice(UserNotice notice) {
		enqueue(() -> notice(notice));
	}

	/**
	 * The viewer is not a member of the room, though the leave's events did not come:
	 * stop tracking it and announce it.
	 */
	void membershipEnded(UUID roomId) {
		enqueue(() -> {
			if (this.rooms.containsKey(roomId) || this.leftUnannounced.containsKey(roomId)) {
				left(roomId, MembershipReason.LEFT);
			}
		});
	}

	/** The rooms whose membership the periodic check should confirm. */
	Set<UUID> rooms() {
		Set<UUID> rooms = new HashSet<>(this.rooms.keySet());
		rooms.addAll(this.leftUnannounced.keySet());
		return rooms;
	}

	/** The rooms whose state is read and kept current (for tests and checks). */
	Set<UUID> loadedRooms() {
		Set<UUID> loaded = new HashSet<>();
		this.rooms.forEach((roomId, tracked) -> {
			if (!tracked.isLoading()) {
				loaded.add(roomId);
			}
		});
		return loaded;
	}

	/** End the stream after what is queued (shutdown). */
	void complete() {
		enqueue(this.out::complete);
	}

	/** The stream ended: let go of every room. */
	void close() {
		enqueue(() -> {
			this.closed = true;
			this.rooms.keySet().forEach((roomId) -> this.hub.detach(roomId, this));
			this.rooms.clear();
			this.leftUnannounced.clear();
		});
	}

	private void track(Collection<UUID> roomIds, @Nullable MembershipReason reason) {
		if (this.closed) {
			return;
		}
		Load load = new Load();
		List<UUID> loading = new ArrayList<>();
		List<Mono<Void>> ready = new ArrayList<>();
		for (UUID roomId : roomIds) {
			Tracked tracked = this.rooms.get(roomId);
			if (tracked != null) {
				// Joined while the list was read: tracked already.
				if (reason != null) {
					if (tracked.isLoading()) {
						tracked.announce.add(reason);
					}
					else {
						emit(new MembershipChanged(roomId, tracked.room, reason));
					}
				}
				continue;
			}
			this.leftUnannounced.remove(roomId);
			tracked = new Tracked(load);
			if (reason != null) {
				tracked.announce.add(reason);
			}
			if (this.movedBeforeStart != null && this.movedBeforeStart.remove(roomId)) {
				tracked.readStateChanged = true;
			}
			this.rooms.put(roomId, tracked);
			ready.add(this.hub.attach(roomId, this));
			loading.add(roomId);
		}
		if (!loading.isEmpty()) {
			read(loading, load, Mono.when(ready));
		}
	}

	private void read(List<UUID> roomIds, Load load, Mono<Void> after) {
		after.then(this.hub.rooms(this.viewer.id(), roomIds))
			.subscribe((found) -> enqueue(() -> loaded(roomIds, load, found)), this::failed);
	}

	private void loaded(List<UUID> roomIds, Load load, List<Room> found) {
		if (this.closed) {
			return;
		}
		Map<UUID, Room> byId = new HashMap<>();
		found.forEach((room) -> byId.put(room.id(), room));
		Load next = new Load();
		List<UUID> again = new ArrayList<>();
		for (UUID roomId : roomIds) {
			Tracked tracked = this.rooms.get(roomId);
			if (tracked == null || tracked.load != load) {
				continue; // left, or read again since
			}
			if (tracked.stale) {
				tracked.stale = false;
				tracked.load = next;
				again.add(roomId);
				continue;
			}
			Room room = byId.get(roomId);
			if (room == null || !room.joined()) {
				untrack(roomId); // gone, or left before the read
				continue;
			}
			tracked.load = null;
			tracked.room = room;
			tracked.announce.forEach((reason) -> emit(new MembershipChanged(roomId, room, reason)));
			tracked.announce.clear();
			List<Object> pending = tracked.pending;
			tracked.pending = new ArrayList<>();
			for (Object event : pending) {
				apply(roomId, event);
			}
			if (tracked.readStateChanged && this.rooms.get(roomId) == tracked) {
				tracked.readStateChanged = false;
				emit(new ReadStateChanged(tracked.room));
			}
		}
		if (!again.isEmpty()) {
			read(again, next, Mono.empty());
		}
	}

	private void apply(UUID roomId, Object event) {
		Tracked tracked = this.rooms.get(roomId);
		if (tracked == null || this.closed) {
			return;
		}
		if (event instanceof RoomDeleted) {
			untrack(roomId);
			emit(new MembershipChanged(roomId, null, MembershipReason.ROOM_DELETED));
			return;
		}
		if (event instanceof MemberLeft left && left.user().id().equals(this.viewer.id())) {
			// Nothing of the room after the viewer's leave: stop at once.
			untrack(roomId);
			this.leftUnannounced.put(roomId, new Left(tracked.room));
			return;
		}
		if (tracked.isLoading()) {
			// Joins and leaves of others are left to the read (they carry no
			// change number to tell whether it saw them).
			if (event instanceof ChangeEvent) {
				tracked.pending.add(event);
			}
			return;
		}
		Room room = tracked.room;
		if (event instanceof ChangeEvent change) {
			if (change.change() <= room.lastChange()) {
				return; // counted by the read already
			}
			if (event instanceof MessagePosted posted) {
				tracked.room = RoomViews.posted(room, posted.message(), this.viewer.id());
				emit(new RoomActivity(tracked.room, posted.message()));
			}
			else if (event instanceof MessageDeleted deleted) {
				tracked.room = RoomViews.deleted(room, deleted.message(), deleted.change(), this.viewer.id());
			}
			else {
				tracked.room = RoomViews.changed(room, change.change());
			}
		}
		else if (event instanceof MemberJoined joined && !joined.user().id().equals(this.viewer.id())) {
			tracked.room = RoomViews.members(room, 1);
		}
		else if (event instanceof MemberLeft) {
			tracked.room = RoomViews.members(room, -1);
		}
		else if (event instanceof ReadMarkerChanged marker && room.directPeer() != null
				&& room.directPeer().id().equals(marker.user().id())) {
			tracked.room = RoomViews.peerRead(room, marker.lastReadSeq());
		}
	}

	private void notice(UserNotice notice) {
		if (this.closed) {
			return;
		}
		if (notice instanceof ReadMarkerNotice) {
			reload(notice.roomId());
		}
		else if (notice instanceof MembershipNotice membership) {
			switch (membership.reason()) {
				case JOINED, DIRECT_OPENED -> track(List.of(notice.roomId()), membership.reason());
				case LEFT, REMOVED, BANNED -> left(notice.roomId(), membership.reason());
				case ROOM_DELETED -> {
					if (this.rooms.containsKey(notice.roomId())) {
						untrack(notice.roomId());
						emit(new MembershipChanged(notice.roomId(), null, MembershipReason.ROOM_DELETED));
					}
				}
				// An invitation is not a membership yet.
				case INVITED -> emit(new MembershipChanged(notice.roomId(), null, MembershipReason.INVITED));
			}
		}
	}

	// The marker moved by markRead: read the room again (how many are unread above the
	// new marker is not known here), then announce it.
	private void reload(UUID roomId) {
		Tracked tracked = this.rooms.get(roomId);
		if (tracked == null) {
			// Not tracked yet: its first read sees the marker.
			if (this.movedBeforeStart != null) {
				this.movedBeforeStart.add(roomId);
			}
			return;
		}
		tracked.readStateChanged = true;
		if (tracked.isLoading()) {
			tracked.stale = true; // the read under way may be older than the move
			return;
		}
		tracked.load = new Load();
		read(List.of(roomId), tracked.load, Mono.empty());
	}

	private void left(UUID roomId, MembershipReason reason) {
		Tracked tracked = this.rooms.get(roomId);
		Left left;
		if (tracked != null) {
			untrack(roomId);
			left = new Left(tracked.room);
		}
		else {
			left = this.leftUnannounced.remove(roomId);
		}
		if (left != null && left.lastSeen() != null) {
			emit(new MembershipChanged(roomId, RoomViews.left(left.lastSeen()), reason));
			return;
		}
		// Left before its first read: read it as a non-member sees it.
		this.hub.rooms(this.viewer.id(), List.of(roomId))
			.subscribe((found) -> enqueue(() -> emit(new MembershipChanged(roomId,
					found.stream().filter((room) -> !room.isPrivate() && !room.joined()).findFirst().orElse(null),
					reason))), this::failed);
	}

	private void untrack(UUID roomId) {
		if (this.rooms.remove(roomId) != null) {
			this.hub.detach(roomId, this);
		}
	}

	private void emit(Object event) {
		if (!this.closed) {
			this.out.offer(event);
		}
	}

	// The database did not answer (after retries): end the stream; the client reads
	// myRooms again and resubscribes.
	private void failed(Throwable ex) {
		logger.warn("A myEvents stream of user " + this.viewer.id() + " could not read its rooms; ending it", ex);
		enqueue(() -> this.out.fail(ex));
	}

	private void enqueue(Runnable task) {
		this.work.offer(task);
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			Runnable next;
			while ((next = this.work.poll()) != null) {
				next.run();
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	/** Identifies one read of rooms' state, so that only the newest is applied. */
	private static final class Load {

	}

	/** What the stream knows of one room. */
	private static final class Tracked {

		// Null until the first read.
		@Nullable Room room;

		// The read under way, or null. Volatile for loadedRooms().
		volatile @Nullable Load load;

		// A newer read is needed when this one ends.
		boolean stale;

		boolean readStateChanged;

		List<Object> pending = new ArrayList<>();

		final List<MembershipReason> announce = new ArrayList<>(1);

		Tracked(Load load) {
			this.load = load;
		}

		boolean isLoading() {
			return this.load != null;
		}

	}

	/** A room the viewer left, as last seen while a member (null: never read). */
	private record Left(@Nullable Room lastSeen) {

	}

}
