package io.chatx.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits (token buckets) on abuse-prone operations. The defaults are in
 * {@code application.yaml}.
 *
 * @param enabled whether any limit applies ({@code CHATX_RATE_LIMITS_ENABLED=false} turns
 * them all off, for load tests on a trusted network)
 * @param loginPerAddress sign-in attempts per client address
 * @param loginPerName sign-in attempts per account (whatever form of its name is typed)
 * and client address
 * @param registerPerAddress registrations per client address
 * @param sendPerUser messages sent per user
 * @param roomPasswordPerUser wrong-password-prone private room joins per user and room
 * @param loginPerAccount sign-in attempts per account from all addresses together; beyond
 * it, only addresses the account signed in from before may still try
 * @param createRoomPerUser rooms created per user (a private one costs a bcrypt hash)
 * @param changePerUser message changes per user: edits, deletions, reactions added or
 * removed
 * @param markReadPerUser read marker moves ({@code markRead}) per user
 * @param openDirectRoomPerUser direct rooms created per user (opening one that exists
 * takes nothing), so that nobody can open a conversation with every user
 */
@ConfigurationProperties("chatx.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Rate loginPerAddress, Rate loginPerName,
		Rate registerPerAddress, Rate sendPerUser, Rate roomPasswordPerUser, Rate loginPerAccount,
		Rate createRoomPerUser, Rate changePerUser, Rate markReadPerUser, Rate openDirectRoomPerUser) {

	/**
	 * A token bucket: {@code capacity} at once, refilled by {@code refill} every
	 * {@code period}.
	 *
	 * @param capacity the burst allowed
	 * @param refill tokens added each period
	 * @param period how often tokens are added
	 */
	public record Rate(int capacity, int refill, Duration period) {

	}

}
