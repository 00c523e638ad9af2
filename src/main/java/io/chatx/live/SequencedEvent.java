package io.chatx.live;

/**
 * An event of a room's numbered message stream: each room counts 1, 2, 3, ...
 */
public interface SequencedEvent {

	long seq();

}
