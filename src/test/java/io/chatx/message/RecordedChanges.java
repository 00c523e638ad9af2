package io.chatx.message;

import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.context.event.EventListener;

/**
 * Records every {@link MessageChangedEvent} the application publishes, whatever thread
 * publishes it, for tests that count events. Import it with {@code @Import}.
 */
class RecordedChanges {

	private final Queue<MessageChangedEvent> events = new ConcurrentLinkedQueue<>();

	@EventListener
	void on(MessageChangedEvent event) {
		this.events.add(event);
	}

	/** The events of a room's messages, in the order they were published. */
	List<MessageChangedEvent> ofRoom(String roomId) {
		UUID room = UUID.fromString(roomId);
		return this.events.stream().filter((event) -> event.message().roomId().equals(room)).toList();
	}

}
