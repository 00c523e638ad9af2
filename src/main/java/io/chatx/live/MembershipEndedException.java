package io.chatx.live;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;

/**
 * Ends a subscriber's live events of a private room once they are no longer a member:
 * only members may read a private room.
 */
public class MembershipEndedException extends ChatxException {

	public MembershipEndedException() {
		super(ErrorCode.FORBIDDEN, "You are no longer a member of this private room; its live events have ended.");
	}

}
