package io.chatx.myevents;

import io.chatx.live.ClusterPublisher;
import io.chatx.room.MembershipReason;
import io.chatx.room.RoomChangeEvents.MemberJoinedEvent;
import io.chatx.room.RoomChangeEvents.MemberLeftEvent;
import io.chatx.room.RoomChangeEvents.MembershipChangedEvent;
import io.chatx.room.RoomChangeEvents.ReadMarkerMovedEvent;
import io.chatx.room.RoomChangeEvents.RoomCreatedEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a user's committed read-marker moves and membership changes into notices for
 * their {@code myEvents} streams, here and (on the user's own subject) on every other
 * instance.
 */
@Component
class MyEventsNotices {

	private final MyEventsHub hub;

	private final ClusterPublisher cluster;

	MyEventsNotices(MyEventsHub hub, ObjectProvider<ClusterPublisher> cluster) {
		this.hub = hub;
		this.cluster = cluster.getIfAvailable(() -> ClusterPublisher.NONE);
	}

	@EventListener
	void on(ReadMarkerMovedEvent event) {
		send(new ReadMarkerNotice(event.user().id(), event.roomId(), event.lastReadSeq()));
	}

	@EventListener
	void on(MemberJoinedEvent event) {
		send(new MembershipNotice(event.user().id(), event.roomId(), MembershipReason.JOINED));
	}

	// The creator is the first member.
	@EventListener
	void on(RoomCreatedEvent event) {
		if (event.room().createdById() != null) {
			send(new MembershipNotice(event.room().createdById(), event.room().id(), MembershipReason.JOINED));
		}
	}

	@EventListener
	void on(MemberLeftEvent event) {
		send(new MembershipNotice(event.user().id(), event.roomId(), MembershipReason.LEFT));
	}

	@EventListener
	void on(MembershipChangedEvent event) {
		send(new MembershipNotice(event.userId(), event.roomId(), event.reason()));
	}

	private void send(UserNotice notice) {
		this.hub.notice(notice);
		this.cluster.userEvent(notice.userId(), notice);
	}

}
