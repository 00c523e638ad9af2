package io.chatx.account;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;
import io.chatx.common.Connection;
import io.chatx.common.Ids;

import org.springframework.stereotype.Service;

/**
 * Finding people: a user by id, and users by part of their username (to start a direct
 * conversation with).
 */
@Service
class UserDirectory {

	private static final int MAX_SEARCH_LENGTH = 32;

	private final UserRepository users;

	private final UserLoader loader;

	UserDirectory(UserRepository users, UserLoader loader) {
		this.users = users;
		this.loader = loader;
	}

	/**
	 * The user with this id; empty when there is none, also for an id that is not one (as
	 * {@code room(id)}).
	 */
	Mono<User> find(String id) {
		return Ids.parse(id).map(this.loader::user).orElse(Mono.empty());
	}

	/**
	 * Users whose username contains {@code search} (trimmed) literally and whatever the
	 * case, by lower-cased username, {@code first} after the cursor. The caller is among
	 * them when their name matches.
	 */
	Mono<Connection<User>> search(String search, @Nullable Integer first, @Nullable String after) {
		return Mono.defer(() -> {
			String text = validSearch(search);
			int size = Connection.pageSize(first);
			String position = (after != null) ? UserCursor.decode(after) : null;
			Mono<List<User>> found = this.users.search(text, position, size + 1).collectList();
			Mono<Boolean> earlier = (position != null) ? this.users.existsBefore(text, position) : Mono.just(false);
			return Mono.zip(found, earlier)
				.map((result) -> Connection.ofOneMore(result.getT1(), size, UserCursor::encode, result.getT2()));
		});
	}

	private static String validSearch(@Nullable String raw) {
		String text = (raw != null) ? raw.strip() : "";
		int length = text.codePointCount(0, text.length());
		if (length < 1 || length > MAX_SEARCH_LENGTH) {
			throw ChatxException.badInput("search must be 1 to " + MAX_SEARCH_LENGTH + " characters after trimming.");
		}
		if (text.indexOf('\0') >= 0) {
			throw ChatxException.badInput("search must not contain NUL characters.");
		}
		return text;
	}

}
