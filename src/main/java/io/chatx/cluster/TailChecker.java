package io.chatx.cluster;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import io.chatx.live.RoomDeleted;
import io.chatx.live.RoomHub;
import io.chatx.message.RoomChangeLog;
import io.chatx.myevents.MyEventsHub;
import io.chatx.room.MembershipService;

/**
 * Finds changes whose events never came: NATS loses what is sent while it is away, and a
 * lost last change (post, edit, deletion, reaction) leaves no gap behind it to notice. On
 * every reconnect and every tail-check interval, one query reads the change number of
 * each room with live subscribers here, and the hub fetches what it lacks. A room that is
 * gone ends its subscriptions: its deletion event was lost too. Likewise a second query
 * finds subscribers of private rooms who are no longer members (their leave's event was
 * lost), and the hub ends their subscriptions (before the tail repair); it checks the
 * rooms tracked by {@code myEvents} streams too, which stop tracking a room their user
 * has left.
 */
final class TailChecker implements LinkListener {

	private static final Log logger = LogFactory.getLog(TailChecker.class);

	private final RoomHub hub;

	private final MyEventsHub myEvents;

	private final RoomChangeLog changes;

	private final MembershipService memberships;

	private final Duration interval;

	private final AtomicBoolean busy = new AtomicBoolean();

	// Asked again while busy: the running check may have read before the news.
	private volatile boolean again;

	private Disposable periodic = Disposables.disposed();

	TailChecker(RoomHub hub, MyEventsHub myEvents, RoomChangeLog changes, MembershipService memberships,
			Duration interval) {
		this.hub = hub;
		this.myEvents = myEvents;
		this.changes = changes;
		this.memberships = memberships;
		this.interval = interval;
	}

	@Override
	public void linkUp() {
		check();
	}

	/** Compare the rooms with live subscribers here against the database, soon. */
	void check() {
		this.again = true;
		if (this.busy.compareAndSet(false, true)) {
			this.again = false;
			Set<UUID> active = this.hub.activeRooms();
			Map<UUID, Set<UUID>> members = new HashMap<>(this.hub.membersOnlySubscribers());
			this.myEvents.trackedMembers().forEach((roomId, users) -> members.merge(roomId, users, (a, b) -> {
				Set<UUID> both = new HashSet<>(a);
				both.addAll(b);
				return both;
			}));
			// Members first: what the tail repair then delivers must not reach
			// someone who left while the leave's events were lost.
			this.memberships.notMembers(members).doOnNext((gone) -> {
				this.hub.membershipEnded(gone.roomId(), gone.userId());
				this.myEvents.membershipEnded(gone.roomId(), gone.userId());
			})
				.then(this.changes.lastChanges(active))
				.doOnNext((lastChanges) -> catchUp(active, lastChanges))
				.doFinally((signal) -> done())
				.subscribe(null, (ex) -> logger
					.warn("Could not read the newest messages and members of the live rooms; trying again later", ex));
		}
	}

	void start() {
		this.periodic = Flux.interval(this.interval, this.interval).onBackpressureDrop().subscribe((tick) -> check());
	}

	void stop() {
		this.periodic.dispose();
	}

	private void catchUp(Set<UUID> active, Map<UUID, Long> lastChanges) {
		for (UUID roomId : active) {
			Long lastChange = lastChanges.get(roomId);
			if (lastChange != null) {
				this.hub.checkTail(roomId, lastChange);
			}
			else {
				this.hub.publishFinal(roomId, new RoomDeleted(roomId, OffsetDateTime.now(ZoneOffset.UTC)));
			}
		}
	}

	private void done() {
		this.busy.set(false);
		if (this.again) {
			check();
		}
	}

}
