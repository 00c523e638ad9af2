package io.chatx.message;

import reactor.core.publisher.SynchronousSink;

import io.chatx.common.ChatxException;

/**
 * What became of one change of a batch. Each change has its own, so one refused change
 * fails only its caller.
 */
sealed interface ChangeOutcome {

	/** Tell the caller: the message as it stands after, or the refusal. */
	void answer(SynchronousSink<Message> caller);

	/** Stored as the room's next change; news to publish. */
	record Applied(Message message, RoomChange change) implements ChangeOutcome {

		@Override
		public void answer(SynchronousSink<Message> caller) {
			caller.next(this.message);
		}

	}

	/**
	 * Changed nothing (a reaction that was there already, or one that was not there to
	 * remove): the message, unchanged; no number, nothing to publish.
	 */
	record Unchanged(Message message) implements ChangeOutcome {

		@Override
		public void answer(SynchronousSink<Message> caller) {
			caller.next(this.message);
		}

	}

	/** Not allowed: nothing stored. */
	record Refused(ChatxException reason) implements ChangeOutcome {

		@Override
		public void answer(SynchronousSink<Message> caller) {
			caller.error(this.reason);
		}

	}

}
