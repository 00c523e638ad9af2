package io.chatx.account;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.audit.AuditKind;
import io.chatx.audit.AuditLog;
import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimiter;

import org.springframework.stereotype.Service;

/**
 * Registration, sign-in, token refresh and sign-out.
 */
@Service
class AccountService {

	private final UserRepository users;

	private final PasswordHasher hasher;

	private final TokenService tokens;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final AuditLog audit;

	AccountService(UserRepository users, PasswordHasher hasher, TokenService tokens, RateLimiter rateLimiter,
			RateLimitProperties limits, AuditLog audit) {
		this.users = users;
		this.hasher = hasher;
		this.tokens = tokens;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
		this.audit = audit;
	}

	Mono<AuthPayload> register(RegisterInput input, String clientAddress) {
		return this.rateLimiter.check("register-address", this.limits.registerPerAddress(), clientAddress)
			.then(this.hasher.hash(input.password()))
			.flatMap((hash) -> this.users.insert(input.username(), input.email().trim(), hash))
			.switchIfEmpty(Mono.defer(this::conflict))
			.flatMap((user) -> this.audit.record(AuditKind.REGISTER, user.id(), user.username(), clientAddress, null)
				.then(this.tokens.issue(user)));
	}

	/**
	 * Sign in. Limits, in order: attempts per client address; attempts per account and
	 * address (the account that the login names, whatever form is typed: username or
	 * email, any case, any Unicode variant PostgreSQL folds to it), so an attacker
	 * elsewhere cannot lock its owner out; attempts per account from all addresses,
	 * beyond which only an address that signed in to the account before may still try.
	 */
	Mono<AuthPayload> login(LoginInput input, String clientAddress) {
		String login = input.login().trim();
		if (!this.rateLimiter.tryAcquire("login-address", this.limits.loginPerAddress(), clientAddress)) {
			return refused(login, clientAddress);
		}
		return this.users.findCredentials(login).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((found) -> {
			String account = found.map((c) -> c.user().id().toString())
				.orElseGet(() -> "unknown:" + login.toLowerCase(Locale.ROOT));
			if (!this.rateLimiter.tryAcquire("login-name", this.limits.loginPerName(), account + ' ' + clientAddress)) {
				return refused(login, clientAddress);
			}
			Mono<Boolean> mayTry = this.rateLimiter.tryAcquire("login-account", this.limits.loginPerAccount(), account)
					? Mono.just(true) : found.map((c) -> this.audit.signedInBefore(c.user().id(), clientAddress))
						.orElseGet(() -> Mono.just(false));
			return mayTry.flatMap((allowed) -> allowed ? checkPassword(input, login, found, clientAddress)
					: refused(login, clientAddress));
		});
	}

	private Mono<AuthPayload> checkPassword(LoginInput input, String login, Optional<UserRepository.Credentials> found,
			String clientAddress) {
		return this.hasher.matches(input.password(), found.map(UserRepository.Credentials::passwordHash).orElse(null))
			.flatMap((matches) -> matches ? signedIn(found.get().user(), clientAddress)
					: failedLogin(login, found.map((c) -> c.user().id()).orElse(null), clientAddress));
	}

	private Mono<AuthPayload> refused(String login, String clientAddress) {
		return this.audit.recordRefusal(AuditKind.LOGIN_RATE_LIMITED, login, clientAddress)
			.then(Mono.error(ChatxException.rateLimited()));
	}

	Mono<AuthPayload> refresh(String refreshToken, String clientAddress) {
		return this.tokens.spend(refreshToken, clientAddress)
			.flatMap((owner) -> this.users.findById(owner.userId())
				.flatMap((user) -> this.tokens.rotate(owner.familyId(), user)));
	}

	Mono<Boolean> logout(UUID userId, String refreshToken, String clientAddress) {
		return this.tokens.revoke(refreshToken, userId)
			.flatMap((revoked) -> this.audit.record(AuditKind.LOGOUT, userId, null, clientAddress, null)
				.thenReturn(revoked));
	}

	Mono<User> me(UUID userId) {
		return this.users.findById(userId).switchIfEmpty(Mono.error(ChatxException::unauthenticated));
	}

	private Mono<AuthPayload> signedIn(User user, String clientAddress) {
		return this.audit.record(AuditKind.LOGIN_OK, user.id(), user.username(), clientAddress, null)
			.then(this.tokens.issue(user));
	}

	private Mono<AuthPayload> failedLogin(String login, @Nullable UUID userId, String clientAddress) {
		return this.audit.record(AuditKind.LOGIN_FAILED, userId, login, clientAddress, null)
			.then(Mono.error(new ChatxException(ErrorCode.INVALID_CREDENTIALS, "Wrong login or password.")));
	}

	/**
	 * The same answer for a taken username and a taken email: which one it was is not
	 * told. (An email can still be tested with a fresh username; the per-address
	 * registration limit, which every attempt spends, keeps that slow.)
	 */
	private Mono<User> conflict() {
		return Mono.error(new ChatxException(ErrorCode.CONFLICT, "That username or email is taken."));
	}

}
