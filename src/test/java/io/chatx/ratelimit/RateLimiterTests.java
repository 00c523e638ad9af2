package io.chatx.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.ratelimit.RateLimitProperties.Rate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check takes its token when subscribed, once per subscription.
 */
class RateLimiterTests {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final Rate TWO_PER_HOUR = new Rate(2, 2, Duration.ofHours(1));

	final RateLimiter limiter = new RateLimiter(
			new RateLimitProperties(true, null, null, null, null, null, null, null, null, null, null));

	@Test
	void buildingACheckWithoutSubscribingTakesNoToken() {
		for (int i = 0; i < 5; i++) {
			this.limiter.check("test", TWO_PER_HOUR, "key");
		}
		assertThat(this.limiter.tryAcquire("test", TWO_PER_HOUR, "key")).isTrue();
		assertThat(this.limiter.tryAcquire("test", TWO_PER_HOUR, "key")).isTrue();
		assertThat(this.limiter.tryAcquire("test", TWO_PER_HOUR, "key")).isFalse();
	}

	@Test
	void eachSubscriptionTakesOneToken() {
		Mono<Void> check = this.limiter.check("test", TWO_PER_HOUR, "key");
		StepVerifier.create(check).expectComplete().verify(TIMEOUT);
		StepVerifier.create(check).expectComplete().verify(TIMEOUT);
		StepVerifier.create(check)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ChatxException.class,
					(refused) -> assertThat(refused.getCode()).isEqualTo(ErrorCode.RATE_LIMITED)))
			.verify(TIMEOUT);
	}

}
