package io.chatx.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;
import io.chatx.ratelimit.RateLimitProperties.Rate;

import org.springframework.stereotype.Component;

/**
 * In-memory token buckets (Bucket4j), one per limit and key, forgotten after an hour
 * without use. Limits are per instance.
 */
@Component
public class RateLimiter {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofHours(1))
		.maximumSize(500_000)
		.build();

	private final boolean enabled;

	RateLimiter(RateLimitProperties properties) {
		this.enabled = properties.enabled();
	}

	/**
	 * Take one token for {@code key} under {@code rate}.
	 * @return whether the call is allowed
	 */
	public boolean tryAcquire(String limitName, Rate rate, String key) {
		if (!this.enabled) {
			return true;
		}
		Bucket bucket = this.buckets.get(limitName + ':' + key, (ignored) -> newBucket(rate));
		return bucket.tryConsume(1);
	}

	/**
	 * Takes one token on each subscription (not when the {@code Mono} is built);
	 * completes empty when allowed, else fails with {@code RATE_LIMITED}.
	 */
	public Mono<Void> check(String limitName, Rate rate, String key) {
		return Mono
			.defer(() -> tryAcquire(limitName, rate, key) ? Mono.empty() : Mono.error(ChatxException.rateLimited()));
	}

	private static Bucket newBucket(Rate rate) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(rate.capacity()).refillGreedy(rate.refill(), rate.period()).build())
			.build();
	}

}
