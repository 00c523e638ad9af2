package io.chatx.message;

import reactor.core.publisher.SynchronousSink;

import io.chatx.common.ChatxException;

/**
 * What became of one send of a batch. Each send has its own, so one refused send fails
 * only its sender.
 */
sealed interface SendOutcome {

	/**
	 * Tell the sender: the message (with whether this send stored it), or the refusal.
	 */
	void answer(SynchronousSink<SentMessage> sender);

	/** Stored by this send as its room's next seq; news to publish. */
	record Stored(Message message) implements SendOutcome {

		@Override
		public void answer(SynchronousSink<SentMessage> sender) {
			sender.next(new SentMessage(this.message, true));
		}

	}

	/**
	 * Its clientMessageId had been stored already (before this batch, or by an earlier
	 * send of the same batch): that message, unchanged.
	 */
	record AlreadyStored(Message message) implements SendOutcome {

		@Override
		public void answer(SynchronousSink<SentMessage> sender) {
			sender.next(new SentMessage(this.message, false));
		}

	}

	/** Not stored: the room does not exist, or the author is not a member. */
	record Refused(ChatxException reason) implements SendOutcome {

		@Override
		public void answer(SynchronousSink<SentMessage> sender) {
			sender.error(this.reason);
		}

	}

}
