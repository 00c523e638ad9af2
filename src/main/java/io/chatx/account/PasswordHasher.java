package io.chatx.account;

import java.util.Base64;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import io.chatx.common.Sha256;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt for user and room passwords, run on a small bounded pool so that it never blocks
 * an event loop. Passwords are SHA-256'd first because bcrypt reads only 72 bytes and
 * ChatX accepts up to 128 characters.
 */
@Component
public class PasswordHasher implements DisposableBean {

	/** bcrypt cost; 2^10 rounds. */
	static final int COST = 10;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(COST);

	private final Scheduler scheduler = Schedulers
		.newBoundedElastic(Math.max(2, Runtime.getRuntime().availableProcessors()), 10_000, "bcrypt");

	// A real hash to compare against when the user does not exist, so that the time
	// taken does not tell whether a login name is registered.
	private final String decoyHash = this.bcrypt.encode(prehash("decoy-password"));

	public Mono<String> hash(String password) {
		return Mono.fromCallable(() -> this.bcrypt.encode(prehash(password))).subscribeOn(this.scheduler);
	}

	public Mono<Boolean> matches(String password, @Nullable String hash) {
		return Mono.fromCallable(() -> this.bcrypt.matches(prehash(password), (hash != null) ? hash : this.decoyHash))
			.map((matches) -> matches && hash != null)
			.subscribeOn(this.scheduler);
	}

	private static String prehash(String password) {
		return Base64.getEncoder().encodeToString(Sha256.of(password));
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
