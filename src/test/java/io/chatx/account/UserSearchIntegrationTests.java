package io.chatx.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * user(id) and users(search): a literal, case-insensitive substring of usernames, by
 * lower-cased username, cursor paged, over real HTTP.
 */
@IntegrationTest
class UserSearchIntegrationTests {

	private static final String USERS = """
			query($search: String!, $first: Int, $after: String) {
			  users(search: $search, first: $first, after: $after) {
			    edges { cursor node { id username } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			  }
			}""";

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

	@Autowired
	ChatxClient client;

	@Test
	void userIsTheUserOrNull() {
		TestUser alice = this.client.register();
		TestUser bob = this.client.register();
		String query = "query($id: ID!) { user(id: $id) { id username } }";
		assertThat(this.client.as(alice)
			.document(query)
			.variable("id", bob.id())
			.execute()
			.path("user")
			.entity(Map.class)
			.get()).isEqualTo(Map.of("id", bob.id(), "username", bob.username()));
		// Unknown, or not an id at all: null, as room(id).
		this.client.as(alice)
			.document(query)
			.variable("id", UUID.randomUUID().toString())
			.execute()
			.path("user")
			.valueIsNull();
		this.client.as(alice).document(query).variable("id", "nobody").execute().path("user").valueIsNull();
		expectError(this.client.anonymous().document(query).variable("id", bob.id()).execute(), "UNAUTHENTICATED");
	}

	@Test
	void matchesALiteralSubstringWhateverTheCase() {
		String token = token();
		TestUser underscore = this.client.register(token + "_x");
		TestUser letter = this.client.register(token + "yx");
		TestUser shouting = this.client.register("Q" + token.toUpperCase(Locale.ROOT) + "ZZ");
		TestUser viewer = this.client.register();

		// '_' is no wildcard: token_x, not tokenyx.
		assertThat(names(viewer, token + "_x")).containsExactly(underscore.username());
		assertThat(names(viewer, token.toUpperCase(Locale.ROOT) + "_X")).containsExactly(underscore.username());
		// '%' and '\' are no wildcard or escape either (and no username holds them).
		assertThat(names(viewer, token + "%")).isEmpty();
		assertThat(names(viewer, "%" + token)).isEmpty();
		assertThat(names(viewer, token + "\\_x")).isEmpty();
		// Any case, by lower-cased name.
		assertThat(names(viewer, token)).containsExactly(shouting.username(), underscore.username(), letter.username());
		assertThat(names(viewer, "  " + token + "zz ")).containsExactly(shouting.username());
	}

	@Test
	void shortSearchesMatchLiterallyToo() {
		// Fewer than three letters or digits in a row: the other plan (the username
		// index walked in order). "-." is in no other test's names.
		String token = token();
		TestUser first = this.client.register("a" + token + "-.z");
		TestUser second = this.client.register("B" + token + "-.y");
		TestUser dotted = this.client.register("c" + token + "-xz");
		TestUser viewer = this.client.register();

		List<String> found = names(viewer, "-.", 100);
		assertThat(found).allSatisfy((name) -> assertThat(name).contains("-."))
			.contains(first.username(), second.username())
			.doesNotContain(dotted.username());
		assertThat(found.indexOf(first.username())).isLessThan(found.indexOf(second.username()));
		assertThat(names(viewer, "_", 100)).allSatisfy((name) -> assertThat(name).contains("_"));
	}

	@Test
	void pagesFollowTheCursors() {
		String token = token();
		List<String> expected = new ArrayList<>();
		for (String suffix : List.of("a", "B", "c", "D", "e")) {
			expected.add(this.client.register(token + suffix).username());
		}
		TestUser viewer = this.client.register();

		List<String> seen = new ArrayList<>();
		List<Map<String, Object>> pageInfos = new ArrayList<>();
		String after = null;
		do {
			GraphQlTester.Response page = users(viewer, token, 2, after);
			seen.addAll(page.path("users.edges[*].node.username").entityList(String.class).get());
			Map<String, Object> pageInfo = page.path("users.pageInfo").entity(MAP).get();
			pageInfos.add(pageInfo);
			after = (Boolean.TRUE.equals(pageInfo.get("hasNextPage"))) ? (String) pageInfo.get("endCursor") : null;
		}
		while (after != null);

		assertThat(seen).isEqualTo(expected);
		assertThat(pageInfos).extracting((info) -> info.get("hasNextPage")).containsExactly(true, true, false);
		assertThat(pageInfos).extracting((info) -> info.get("hasPreviousPage")).containsExactly(false, true, true);
		// first: 0 says whether there is any.
		GraphQlTester.Response none = users(viewer, token, 0, null);
		assertThat(none.path("users.edges").entityList(Object.class).get()).isEmpty();
		assertThat(none.path("users.pageInfo.hasNextPage").entity(Boolean.class).get()).isTrue();
	}

	@Test
	void badSearchesPagesAndCursorsAreBadInput() {
		TestUser viewer = this.client.register();
		expectError(users(viewer, "", 10, null), "BAD_USER_INPUT");
		expectError(users(viewer, "   ", 10, null), "BAD_USER_INPUT");
		expectError(users(viewer, "x".repeat(33), 10, null), "BAD_USER_INPUT");
		expectError(users(viewer, "a\u0000b", 10, null), "BAD_USER_INPUT");
		expectError(users(viewer, "abc", 101, null), "BAD_USER_INPUT");
		expectError(users(viewer, "abc", -1, null), "BAD_USER_INPUT");
		expectError(users(viewer, "abc", 10, "bm90LWEtY3Vyc29y"), "BAD_USER_INPUT");
		// A cursor of another list.
		String roomCursor = io.chatx.common.OpaqueCursor.encode("r1", 1, UUID.randomUUID());
		expectError(users(viewer, "abc", 10, roomCursor), "BAD_USER_INPUT");
		assertThat(names(viewer, "x".repeat(32))).isEmpty();
		expectError(this.client.anonymous().document(USERS).variable("search", "abc").execute(), "UNAUTHENTICATED");
	}

	// Letters and digits no other name holds.
	private static String token() {
		return "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	private List<String> names(TestUser viewer, String search) {
		return names(viewer, search, 20);
	}

	private List<String> names(TestUser viewer, String search, int first) {
		return users(viewer, search, first, null).path("users.edges[*].node.username").entityList(String.class).get();
	}

	private GraphQlTester.Response users(TestUser viewer, String search, int first, String after) {
		return this.client.as(viewer)
			.document(USERS)
			.variable("search", search)
			.variable("first", first)
			.variable("after", after)
			.execute();
	}

}
