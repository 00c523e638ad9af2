package io.chatx.cluster;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.chatx.common.StartupProblem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Running as one of several instances that share events over NATS.
 *
 * @param url NATS server(s), e.g. {@code nats://nats:4222}, several separated by commas;
 * empty: ChatX runs as a single node and starts no NATS client
 * @param token authentication token, if the server wants one
 * @param user user name, if the server wants user and password
 * @param password password for {@code user}
 * @param tls whether to require TLS (trusting the JVM's trust store); a {@code tls://}
 * url does the same
 * @param presenceTtl how long another instance's word that a user is online holds unless
 * it is repeated: the users of an instance that died drop out after this
 * @param announceInterval how often each instance repeats who is online on it; must be
 * well below {@code presenceTtl}; by default a third of it
 * @param tailCheckInterval how often the change number of each room with live subscribers
 * here is read from the database, to find changes whose events were lost
 * @param reconnectWait the first wait before connecting again after NATS went away;
 * doubled after each failed round up to {@code reconnectWaitMax}
 * @param reconnectWaitMax the longest wait between attempts to reach NATS
 */
@ConfigurationProperties("chatx.nats")
public record NatsProperties(@Nullable String url, @Nullable String token, @Nullable String user,
		@Nullable String password, boolean tls, @DefaultValue("15s") Duration presenceTtl, Duration announceInterval,
		@DefaultValue("5s") Duration tailCheckInterval, @DefaultValue("250ms") Duration reconnectWait,
		@DefaultValue("5s") Duration reconnectWaitMax) {

	public NatsProperties {
		if (announceInterval == null) {
			announceInterval = presenceTtl.dividedBy(3);
		}
	}

	/** Whether NATS is configured: ChatX is then one of several instances. */
	public boolean isEnabled() {
		return StringUtils.hasText(this.url);
	}

	/** These settings, once they are checked to make sense together. */
	NatsProperties checked() {
		if (this.announceInterval.compareTo(this.presenceTtl) >= 0) {
			throw new StartupProblem(
					"chatx.nats.announce-interval (" + this.announceInterval
							+ ") is not shorter than chatx.nats.presence-ttl (" + this.presenceTtl
							+ "): online users would flicker offline between announcements.",
					"Leave chatx.nats.announce-interval unset (a third of the time-to-live) or make it shorter.");
		}
		if (StringUtils.hasText(this.token) && StringUtils.hasText(this.user)) {
			throw new StartupProblem("Both CHATX_NATS_TOKEN and CHATX_NATS_USER are set.",
					"Set either a token or a user and password for NATS, not both.");
		}
		return this;
	}

}
