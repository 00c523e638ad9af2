package io.chatx.cluster;

import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.chatx.live.ClusterPublisher;
import io.chatx.live.RoomDeleted;
import io.chatx.live.RoomHub;
import io.chatx.live.RoomListHub;
import io.chatx.myevents.MyEventsHub;
import io.chatx.myevents.UserNotice;
import io.chatx.system.LogValues;

/**
 * Sends this instance's committed events to the others over NATS, and hands theirs to the
 * same local paths its own take: the room's hub (which drops duplicates and fills gaps
 * from the database), the room list, presence, or a user's {@code myEvents} streams.
 */
final class NatsRelay implements ClusterPublisher, MessageHandler {

	private static final Log logger = LogFactory.getLog(NatsRelay.class);

	private final NatsLink link;

	private final ClusterCodec codec;

	private final RoomHub rooms;

	private final RoomListHub roomList;

	private final PresenceAnnouncer presence;

	private final MyEventsHub myEvents;

	private final Counter received;

	private final Counter rejected;

	NatsRelay(NatsLink link, ClusterCodec codec, RoomHub rooms, RoomListHub roomList, PresenceAnnouncer presence,
			MyEventsHub myEvents, MeterRegistry meters) {
		this.link = link;
		this.codec = codec;
		this.rooms = rooms;
		this.roomList = roomList;
		this.presence = presence;
		this.myEvents = myEvents;
		this.received = Counter.builder("chatx.nats.received")
			.description("Messages from other instances")
			.register(meters);
		this.rejected = Counter.builder("chatx.nats.rejected")
			.description("Messages from other instances that could not be read")
			.register(meters);
	}

	@Override
	public void roomEvent(UUID roomId, Object event) {
		this.link.send(Subjects.room(roomId), event);
	}

	@Override
	public void roomListEvent(Object event) {
		this.link.send(Subjects.ROOMS, event);
	}

	@Override
	public void userEvent(UUID userId, Object notice) {
		this.link.send(Subjects.user(userId), notice);
	}

	// On the dispatcher's thread: hubs and presence never block.
	@Override
	public void onMessage(Message message) {
		Envelope envelope;
		try {
			envelope = this.codec.decode(message.getData());
		}
		catch (RuntimeException ex) {
			this.rejected.increment();
			logger.warn("Ignored an unreadable message on " + LogValues.quoted(message.getSubject()) + ": "
					+ LogValues.escaped(ex.getMessage()));
			return;
		}
		if (this.codec.isOwn(envelope) || envelope.event() == null) {
			return; // our own, or an event of a newer version
		}
		this.received.increment();
		deliver(message.getSubject(), envelope);
	}

	private void deliver(String subject, Envelope envelope) {
		Object event = envelope.event();
		UUID roomId = Subjects.roomOf(subject);
		if (roomId != null) {
			if (event instanceof RoomDeleted) {
				this.rooms.publishFinal(roomId, event);
			}
			else {
				this.rooms.publish(roomId, event);
			}
		}
		else if (Subjects.ROOMS.equals(subject)) {
			this.roomList.publish(event);
		}
		else if (subject.startsWith(Subjects.PRESENCE_PREFIX)) {
			this.presence.receive(envelope.origin(), event);
		}
		else if (subject.startsWith(Subjects.USER_PREFIX) && event instanceof UserNotice notice) {
			this.myEvents.notice(notice);
		}
	}

}
