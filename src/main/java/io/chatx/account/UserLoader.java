package io.chatx.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Resolves the users that a batch of objects refer to (a room's creator, a message's
 * author) with one query, for {@code @BatchMapping} methods.
 */
@Component
public class UserLoader {

	private final UserRepository users;

	UserLoader(UserRepository users) {
		this.users = users;
	}

	/**
	 * The user each source refers to; sources without one (or whose user is gone) are left
	 * out, which GraphQL renders as {@code null}.
	 */
	public <T> Mono<Map<T, User>> usersOf(List<T> sources, Function<T, UUID> userIdOf) {
		Set<UUID> ids = sources.stream().map(userIdOf).filter(Objects::nonNull).collect(Collectors.toSet());
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.users.findAllById(ids).collectMap(User::id).map((byId) -> {
			Map<T, User> result = new HashMap<>();
			for (T source : sources) {
				User user = byId.get(userIdOf.apply(source));
				if (user != null) {
					result.put(source, user);
				}
			}
			return result;
		});
	}

}
