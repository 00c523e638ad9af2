package io.chatx.live;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;

/**
 * Ends a subscription whose reader fell too far behind. The client resubscribes with the
 * cursor of the last message it received and misses nothing.
 */
public class SlowConsumerException extends ChatxException {

	public SlowConsumerException(int limit) {
		super(ErrorCode.RATE_LIMITED, "This subscription fell more than " + limit
				+ " events behind and was ended; subscribe again with after: <cursor of the last message you received>.");
	}

}
