package io.chatx.cluster;

import java.time.Duration;

import io.nats.client.ErrorListener;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;

import io.chatx.common.StartupProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The NATS settings: sensible defaults, nonsense refused at start-up, and the jnats
 * options made from them.
 */
class NatsPropertiesTests {

	@Test
	void announcesThreeTimesPerTimeToLiveByDefault() {
		assertThat(properties("nats://n:4222", null, null, Duration.ofSeconds(15), null).announceInterval())
			.isEqualTo(Duration.ofSeconds(5));
		assertThat(properties("", null, null, Duration.ofSeconds(15), null).isEnabled()).isFalse();
	}

	@Test
	void refusesAnAnnounceIntervalNotShorterThanTheTimeToLive() {
		NatsProperties properties = properties("nats://n:4222", null, null, Duration.ofSeconds(5),
				Duration.ofSeconds(5));
		assertThatExceptionOfType(StartupProblem.class).isThrownBy(properties::checked)
			.withMessageContaining("announce-interval");
	}

	@Test
	void refusesATokenAndAUserTogether() {
		NatsProperties properties = properties("nats://n:4222", "secret", "chatx", Duration.ofSeconds(15), null);
		assertThatExceptionOfType(StartupProblem.class).isThrownBy(properties::checked)
			.withMessageContaining("CHATX_NATS_TOKEN");
	}

	@Test
	void reconnectsForeverWithoutEchoToEveryServerGiven() {
		Options options = NatsOptions.of(
				properties("nats://a:4222, nats://b:4222", "secret", null, Duration.ofSeconds(15), null), "chatx-test",
				(connection, event) -> {
				}, new ErrorListener() {
				});
		assertThat(options.getMaxReconnect()).isEqualTo(-1);
		assertThat(options.isNoEcho()).isTrue();
		assertThat(options.getServers()).extracting(Object::toString).containsExactly("nats://a:4222", "nats://b:4222");
		assertThat(options.getConnectionName()).isEqualTo("chatx-test");
	}

	@Test
	void waitsLongerAfterEachFailedRoundUpToTheLongestWait() {
		NatsProperties properties = properties("nats://n:4222", null, null, Duration.ofSeconds(15), null);
		assertThat(NatsOptions.backoff(properties, 1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(275));
		assertThat(NatsOptions.backoff(properties, 3)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1100));
		assertThat(NatsOptions.backoff(properties, 10)).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5500));
		assertThat(NatsOptions.backoff(properties, Long.MAX_VALUE)).isBetween(Duration.ofSeconds(5),
				Duration.ofMillis(5500));
	}

	private static NatsProperties properties(String url, String token, String user, Duration ttl, Duration announce) {
		return new NatsProperties(url, token, user, null, false, ttl, announce, Duration.ofSeconds(5),
				Duration.ofMillis(250), Duration.ofSeconds(5));
	}

}
