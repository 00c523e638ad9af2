package io.chatx.live;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.chatx.account.User;
import io.chatx.account.UserLoader;
import io.chatx.message.ChangeKind;
import io.chatx.message.Message;
import io.chatx.message.MessageChangedEvent;
import io.chatx.message.MessageCursor;
import io.chatx.message.MessageStoredEvent;
import io.chatx.message.RoomChange;

import org.springframework.beans.factory.ObjectProvider;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Committed changes become live events of their kind, published here and to the cluster
 * in the order they were committed, also when a reaction's user must be read first.
 */
class LiveEventsTests {

	private static final UUID ROOM = UUID.randomUUID();

	private static final User ANN = new User(UUID.randomUUID(), "ann");

	private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-03T10:00:00Z");

	private final RoomHub hub = mock(RoomHub.class);

	private final ClusterPublisher cluster = mock(ClusterPublisher.class);

	private final UserLoader users = mock(UserLoader.class);

	private final LiveEvents events = liveEvents();

	private final Message message = Message.posted(UUID.randomUUID(), ROOM, 1, ANN.id(), "hi", AT, null, 1, null);

	@Test
	void eachChangeBecomesTheEventOfItsKindWithItsCursor() {
		given(this.users.user(ANN.id())).willReturn(Mono.just(ANN));
		this.events.on(new MessageChangedEvent(this.message, change(2, ChangeKind.EDITED, null)));
		this.events.on(new MessageChangedEvent(this.message, change(3, ChangeKind.REACTION_ADDED, "👍")));
		this.events.on(new MessageChangedEvent(this.message, change(4, ChangeKind.REACTION_REMOVED, "👍")));
		this.events.on(new MessageChangedEvent(this.message, change(5, ChangeKind.DELETED, null)));
		InOrder order = inOrder(this.hub);
		order.verify(this.hub).publish(ROOM, new MessageEdited(this.message, cursor(2), 2));
		order.verify(this.hub).publish(ROOM, new ReactionChanged(this.message, cursor(3), ANN, "👍", true, 3));
		order.verify(this.hub).publish(ROOM, new ReactionChanged(this.message, cursor(4), ANN, "👍", false, 4));
		order.verify(this.hub).publish(ROOM, new MessageDeleted(this.message, cursor(5), 5));
		verify(this.cluster).roomEvent(ROOM, new MessageDeleted(this.message, cursor(5), 5));
	}

	@Test
	void aReactionWaitingForItsUserHoldsBackTheRoomsLaterChangesOnly() {
		Sinks.One<User> lookup = Sinks.one();
		given(this.users.user(ANN.id())).willReturn(lookup.asMono());
		Message next = Message.posted(UUID.randomUUID(), ROOM, 2, ANN.id(), "next", AT, null, 4, null);
		UUID otherRoom = UUID.randomUUID();
		Message elsewhere = Message.posted(UUID.randomUUID(), otherRoom, 1, ANN.id(), "there", AT, null, 1, null);
		this.events.on(new MessageChangedEvent(this.message, change(2, ChangeKind.REACTION_ADDED, "👍")));
		this.events.on(new MessageChangedEvent(this.message, change(3, ChangeKind.EDITED, null)));
		this.events.on(new MessageStoredEvent(next));
		this.events.on(new MessageStoredEvent(elsewhere));
		verify(this.hub).publish(otherRoom, MessagePosted.of(elsewhere));
		verify(this.hub, never()).publish(eq(ROOM), any());
		lookup.tryEmitValue(ANN);
		ReactionChanged reaction = new ReactionChanged(this.message, cursor(2), ANN, "👍", true, 2);
		MessageEdited edited = new MessageEdited(this.message, cursor(3), 3);
		InOrder order = inOrder(this.hub, this.cluster);
		order.verify(this.hub).publish(ROOM, reaction);
		order.verify(this.cluster).roomEvent(ROOM, reaction);
		order.verify(this.hub).publish(ROOM, edited);
		order.verify(this.cluster).roomEvent(ROOM, edited);
		order.verify(this.hub).publish(ROOM, MessagePosted.of(next));
		order.verify(this.cluster).roomEvent(ROOM, MessagePosted.of(next));
	}

	@SuppressWarnings("unchecked")
	private LiveEvents liveEvents() {
		ObjectProvider<ClusterPublisher> provider = mock(ObjectProvider.class);
		given(provider.getIfAvailable(any())).willReturn(this.cluster);
		return new LiveEvents(this.hub, mock(RoomListHub.class), provider, this.users);
	}

	private static RoomChange change(long number, ChangeKind kind, String emoji) {
		return new RoomChange(number, 1, kind, ANN.id(), emoji);
	}

	private static String cursor(long change) {
		return MessageCursor.encode(ROOM, 1, change);
	}

}
