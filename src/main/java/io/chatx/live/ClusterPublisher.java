package io.chatx.live;

import java.util.UUID;

/**
 * Carries committed live events to the other ChatX instances, if there are any (the NATS
 * relay of {@code io.chatx.cluster}); a single node has none.
 */
public interface ClusterPublisher {

	/** Does nothing: a single node has nobody to tell. */
	ClusterPublisher NONE = new ClusterPublisher() {

		@Override
		public void roomEvent(UUID roomId, Object event) {
		}

		@Override
		public void roomListEvent(Object event) {
		}

		@Override
		public void userEvent(UUID userId, Object notice) {
		}

	};

	/** An event of a room (message, join, leave, deletion), already delivered here. */
	void roomEvent(UUID roomId, Object event);

	/** An event of the live room list, already delivered here. */
	void roomListEvent(Object event);

	/**
	 * A notice for one user's {@code myEvents} streams (their read marker moved, their
	 * membership changed), already delivered here.
	 */
	void userEvent(UUID userId, Object notice);

}
