package io.chatx.room;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.SqlLog;
import io.chatx.support.TestSupport;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room list over real HTTP: newest first, cursor paging, name search, bad input, and
 * the number of queries a page costs.
 */
@IntegrationTest
class RoomListIntegrationTests {

	private static final String ROOMS = """
			query($first: Int, $after: String, $search: String) {
			  rooms(first: $first, after: $after, search: $search) {
			    edges { cursor node { id name joined memberCount lastSeq createdBy { id username } } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			  }
			}""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	TestUser alice;

	@BeforeEach
	void setUp() {
		this.alice = this.client.register();
	}

	@Test
	void pagesThroughRoomsNewestFirst() {
		String marker = TestSupport.unique("page");
		List<String> names = List.of(marker + "-1", marker + "-2", marker + "-3", marker + "-4", marker + "-5");
		names.forEach((name) -> this.fixtures.createRoom(this.alice, Map.of("name", name)));

		GraphQlTester.Response first = rooms(this.alice, 2, null, marker);
		assertThat(names(first)).containsExactly(marker + "-5", marker + "-4");
		assertPageInfo(first, true, false);
		GraphQlTester.Response second = rooms(this.alice, 2, endCursor(first), marker);
		assertThat(names(second)).containsExactly(marker + "-3", marker + "-2");
		assertPageInfo(second, true, true);
		GraphQlTester.Response third = rooms(this.alice, 2, endCursor(second), marker);
		assertThat(names(third)).containsExactly(marker + "-1");
		assertPageInfo(third, false, true);
		GraphQlTester.Response past = rooms(this.alice, 2, endCursor(third), marker);
		assertThat(names(past)).isEmpty();
		past.path("rooms.pageInfo.startCursor").valueIsNull().path("rooms.pageInfo.endCursor").valueIsNull();
		// Each edge's cursor continues right after that edge.
		String secondEdge = first.path("rooms.edges[1].cursor").entity(String.class).get();
		assertThat(names(rooms(this.alice, 1, secondEdge, marker))).containsExactly(marker + "-3");
	}

	@Test
	void firstDefaultsTo20AndZeroGivesAnEmptyPage() {
		String marker = TestSupport.unique("many");
		for (int i = 0; i < 22; i++) {
			this.fixtures.createRoom(this.alice, Map.of("name", marker + "-" + i));
		}
		GraphQlTester.Response byDefault = this.client.as(this.alice)
			.document("query($s: String) { rooms(search: $s) { edges { cursor } pageInfo { hasNextPage } } }")
			.variable("s", marker)
			.execute();
		byDefault.path("rooms.edges").entityList(Object.class).hasSize(20);
		byDefault.path("rooms.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		GraphQlTester.Response none = rooms(this.alice, 0, null, marker);
		assertThat(names(none)).isEmpty();
		assertPageInfo(none, true, false);
		assertThat(names(rooms(this.alice, 100, null, marker))).hasSize(22);
	}

	@Test
	void searchMatchesASubstringInAnyCase() {
		String marker = TestSupport.unique("tea");
		this.fixtures.createRoom(this.alice, Map.of("name", "Morning " + marker + " Time"));
		this.fixtures.createRoom(this.alice, Map.of("name", "the " + marker.toUpperCase() + "pot"));
		this.fixtures.createRoom(this.alice, Map.of("name", "Coffee " + marker.substring(0, marker.length() - 1)));
		assertThat(names(rooms(this.alice, 10, null, marker.toUpperCase())))
			.containsExactly("the " + marker.toUpperCase() + "pot", "Morning " + marker + " Time");
	}

	@Test
	void searchTreatsPercentUnderscoreAndBackslashLiterally() {
		String marker = TestSupport.unique("lit");
		for (String suffix : List.of("100%", "100x", "a_b", "axb", "c\\d", "cd")) {
			this.fixtures.createRoom(this.alice, Map.of("name", marker + suffix));
		}
		assertThat(names(rooms(this.alice, 10, null, marker + "100%"))).containsExactly(marker + "100%");
		assertThat(names(rooms(this.alice, 10, null, marker + "A_B"))).containsExactly(marker + "a_b");
		assertThat(names(rooms(this.alice, 10, null, marker + "c\\d"))).containsExactly(marker + "c\\d");
		assertThat(names(rooms(this.alice, 10, null, "%" + marker))).isEmpty();
	}

	@Test
	void showsForEachRoomWhetherTheViewerJoined() {
		String marker = TestSupport.unique("mine");
		TestUser bob = this.client.register();
		String joined = this.fixtures.createRoom(this.alice, Map.of("name", marker + "-joined"));
		this.fixtures.createRoom(this.alice, Map.of("name", marker + "-other"));
		this.fixtures.join(bob, joined);
		GraphQlTester.Response page = rooms(bob, 10, null, marker);
		page.path("rooms.edges[0].node.joined")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("rooms.edges[1].node.joined")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("rooms.edges[1].node.memberCount")
			.entity(Integer.class)
			.isEqualTo(2);
	}

	@Test
	void loadsAPageOfRoomsAndTheirCreatorsInTwoQueries() {
		String marker = TestSupport.unique("batch");
		List<TestUser> creators = List.of(this.client.register(), this.client.register(), this.client.register());
		for (TestUser creator : creators) {
			this.fixtures.createRoom(creator, Map.of("name", marker + "-" + creator.username()));
		}
		GraphQlTester.Response page;
		try (SqlLog sql = SqlLog.capture()) {
			page = rooms(this.alice, 10, null, marker);
			// At most one users query: creators already in memory (usernames never
			// change) need none.
			assertThat(sql.statements()).as("statements of one page").hasSizeLessThanOrEqualTo(2);
			assertThat(sql.count("FROM rooms")).isEqualTo(1);
			assertThat(sql.count("FROM users")).isLessThanOrEqualTo(1);
		}
		for (int i = 0; i < 3; i++) {
			TestUser creator = creators.get(2 - i);
			page.path("rooms.edges[" + i + "].node.createdBy.username")
				.entity(String.class)
				.isEqualTo(creator.username());
		}
	}

	@Test
	void rejectsPageSizesOutsideZeroTo100() {
		expectError(rooms(this.alice, 101, null, null), "BAD_USER_INPUT");
		expectError(rooms(this.alice, -1, null, null), "BAD_USER_INPUT");
	}

	@Test
	void rejectsCursorsItDidNotIssue() {
		String id = this.fixtures.publicRoom(this.alice);
		String valid = endCursor(rooms(this.alice, 1, null, null));
		String text = new String(Base64.getUrlDecoder().decode(valid));
		List<String> forged = List.of("garbage", "", "!!!", encode("r1:12:" + id + ":x"), encode("r1:abc:" + id),
				encode("r2" + text.substring(2)), encode(text.replace(":", ": ")), valid + "A",
				encode("m1:" + id + ":1"));
		for (String cursor : forged) {
			GraphQlTester.Response response = rooms(this.alice, 1, cursor, null);
			response.errors()
				.satisfy((errors) -> assertThat(errors).as(cursor)
					.singleElement()
					.satisfies((e) -> assertThat(ChatFixtures.code(e)).isEqualTo("BAD_USER_INPUT")));
		}
	}

	private GraphQlTester.Response rooms(TestUser user, Integer first, String after, String search) {
		return this.client.as(user)
			.document(ROOMS)
			.variable("first", first)
			.variable("after", after)
			.variable("search", search)
			.execute();
	}

	private static List<String> names(GraphQlTester.Response response) {
		return response.path("rooms.edges[*].node.name").entityList(String.class).get();
	}

	private static String endCursor(GraphQlTester.Response response) {
		return response.path("rooms.pageInfo.endCursor").entity(String.class).get();
	}

	private static void assertPageInfo(GraphQlTester.Response response, boolean hasNext, boolean hasPrevious) {
		response.path("rooms.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(hasNext)
			.path("rooms.pageInfo.hasPreviousPage")
			.entity(Boolean.class)
			.isEqualTo(hasPrevious);
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
	}

}
