package io.chatx.myevents;

import java.util.UUID;

/**
 * A notice for one user's {@code myEvents} streams, on every instance: sent on the user's
 * own NATS subject as well as delivered locally.
 */
public sealed interface UserNotice permits ReadMarkerNotice, MembershipNotice {

	/** Whose streams it is for. */
	UUID userId();

	/** The room it is about. */
	UUID roomId();

}
