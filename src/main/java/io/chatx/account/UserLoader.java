package io.chatx.account;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The users that other objects refer to (a room's creator, a message's author), kept in
 * memory once read: a username never changes. Pages load their missing users in one query
 * ({@link #preload}), and a field then finds its user in memory.
 * <p>
 * Deliberately no DataLoader: inside subscription events, graphql-java 25 can leave a
 * batch undispatched, and the event (and, kept in order, every event after it) would wait
 * forever.
 */
@Component
public class UserLoader {

	private final Cache<UUID, User> cache = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	private final UserRepository users;

	UserLoader(UserRepository users) {
		this.users = users;
	}

	/** The user with this id; empty when there is none (GraphQL renders {@code null}). */
	public Mono<User> user(@Nullable UUID id) {
		if (id == null) {
			return Mono.empty();
		}
		User cached = this.cache.getIfPresent(id);
		return (cached != null) ? Mono.just(cached) : this.users.findById(id).doOnNext(this::remember);
	}

	/** Read, in one query, the users among {@code ids} that are not in memory yet. */
	public Mono<Void> preload(Collection<UUID> ids) {
		Set<UUID> missing = ids.stream()
			.filter(Objects::nonNull)
			.filter((id) -> this.cache.getIfPresent(id) == null)
			.collect(Collectors.toSet());
		return missing.isEmpty() ? Mono.empty() : this.users.findAllById(missing).doOnNext(this::remember).then();
	}

	private void remember(User user) {
		this.cache.put(user.id(), user);
	}

}
