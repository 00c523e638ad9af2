package io.chatx.account;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.audit.AuditKind;
import io.chatx.audit.AuditLog;
import io.chatx.graphql.ChatxException;
import io.chatx.graphql.ErrorCode;
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
			.switchIfEmpty(Mono.defer(() -> conflict(input.username())))
			.flatMap((user) -> this.audit.record(AuditKind.REGISTER, user.id(), user.username(), clientAddress, null)
				.then(this.tokens.issue(user)));
	}

	Mono<AuthPayload> login(LoginInput input, String clientAddress) {
		String login = input.login().trim();
		boolean allowed = this.rateLimiter.tryAcquire("login-address", this.limits.loginPerAddress(), clientAddress)
				&& this.rateLimiter.tryAcquire("login-name", this.limits.loginPerName(),
						login.toLowerCase(Locale.ROOT));
		if (!allowed) {
			return this.audit.record(AuditKind.LOGIN_RATE_LIMITED, null, login, clientAddress, null)
				.then(Mono.error(ChatxException.rateLimited()));
		}
		return this.users.findCredentials(login)
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap((found) -> this.hasher
				.matches(input.password(), found.map(UserRepository.Credentials::passwordHash).orElse(null))
				.flatMap((matches) -> matches ? signedIn(found.get().user(), clientAddress)
						: failedLogin(login, found.map((c) -> c.user().id()).orElse(null), clientAddress)));
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

	private Mono<User> conflict(String username) {
		return this.users.usernameExists(username)
			.flatMap((taken) -> Mono.error(new ChatxException(ErrorCode.CONFLICT,
					taken ? "The username '" + username + "' is taken." : "That email is registered already.")));
	}

}
