package io.chatx.readstate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * myRooms over real HTTP against PostgreSQL: the caller's rooms, direct ones included, by
 * the time of their newest message, else the caller's join time; cursor paging without
 * gaps or repeats; bad input; and a page costs the same few statements whatever its size.
 */
@IntegrationTest
class MyRoomsIntegrationTests {

	private static final String MY_ROOMS = """
			query($first: Int, $after: String) {
			  myRooms(first: $first, after: $after) {
			    edges { cursor node {
			      id name kind joined unreadCount lastReadSeq peerLastReadSeq createdBy { username }
			      lastMessage { seq content author { username } }
			    } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			  }
			}""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	TestUser alice;

	TestUser bob;

	@BeforeEach
	void setUp() {
		this.alice = this.client.register();
		this.bob = this.client.register();
	}

	@Test
	void roomsComeByNewestMessageElseJoinTime() {
		String a = this.fixtures.publicRoom(this.alice);
		String b = this.fixtures.publicRoom(this.alice);
		String c = this.fixtures.publicRoom(this.alice);
		this.fixtures.join(this.bob, a);
		this.fixtures.join(this.bob, b);
		this.fixtures.join(this.bob, c);
		String notJoined = this.fixtures.publicRoom(this.alice);
		assertThat(ids(myRooms(this.bob, 10, null))).containsExactly(c, b, a);

		this.fixtures.send(this.alice, a, "news in a");
		assertThat(ids(myRooms(this.bob, 10, null))).containsExactly(a, c, b);
		this.fixtures.send(this.bob, b, "bob in b");
		assertThat(ids(myRooms(this.bob, 10, null))).containsExactly(b, a, c);

		String direct = ReadStateIntegrationTests.directRoom(this.db, this.alice, this.bob);
		List<Map<String, Object>> rooms = nodes(myRooms(this.bob, 10, null));
		assertThat(ids(rooms)).containsExactly(direct, b, a, c);
		assertThat(rooms.get(0)).containsEntry("kind", "DIRECT")
			.containsEntry("name", this.alice.username())
			.containsEntry("peerLastReadSeq", 0)
			.containsEntry("lastMessage", null);
		assertThat(rooms.get(1)).containsEntry("kind", "PUBLIC")
			.containsEntry("joined", true)
			.containsEntry("unreadCount", 0)
			.containsEntry("lastReadSeq", 1)
			.containsEntry("peerLastReadSeq", null)
			.containsEntry("lastMessage",
					Map.of("seq", 1, "content", "bob in b", "author", Map.of("username", this.bob.username())));
		assertThat(rooms.get(2)).containsEntry("unreadCount", 1)
			.containsEntry("lastMessage",
					Map.of("seq", 1, "content", "news in a", "author", Map.of("username", this.alice.username())));

		this.fixtures.send(this.alice, c, "c wakes up");
		this.fixtures.send(this.alice, direct, "psst");
		rooms = nodes(myRooms(this.bob, 10, null));
		assertThat(ids(rooms)).containsExactly(direct, c, b, a);
		assertThat(rooms.get(0)).containsEntry("unreadCount", 1);
		// For alice, who created them all, notJoined's creation is older than the
		// messages.
		assertThat(ids(myRooms(this.alice, 10, null))).containsExactly(direct, c, b, a, notJoined);
	}

	@Test
	void pagesWithoutGapsOrRepeats() {
		List<String> joined = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			String room = this.fixtures.publicRoom(this.alice);
			this.fixtures.join(this.bob, room);
			joined.add(0, room);
		}
		// Activity while paging moves a room up; the pages read before stay consistent.
		List<String> seen = new ArrayList<>();
		GraphQlTester.Response page = myRooms(this.bob, 3, null);
		assertPageInfo(page, true, false);
		seen.addAll(ids(page));
		page = myRooms(this.bob, 3, endCursor(page));
		assertPageInfo(page, true, true);
		seen.addAll(ids(page));
		page = myRooms(this.bob, 3, endCursor(page));
		assertPageInfo(page, false, true);
		seen.addAll(ids(page));
		assertThat(seen).isEqualTo(joined);
		page = myRooms(this.bob, 3, endCursor(page));
		assertThat(ids(page)).isEmpty();
		assertPageInfo(page, false, true);

		GraphQlTester.Response none = myRooms(this.bob, 0, null);
		assertThat(ids(none)).isEmpty();
		assertPageInfo(none, true, false);
	}

	@Test
	void refusesBadInput() {
		expectError(myRooms(this.bob, 101, null), "BAD_USER_INPUT");
		expectError(myRooms(this.bob, -1, null), "BAD_USER_INPUT");
		expectError(myRooms(this.bob, 5, "not a cursor"), "BAD_USER_INPUT");
		String roomListCursor = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("r1:1700000000000000:" + UUID.randomUUID()).getBytes());
		expectError(myRooms(this.bob, 5, roomListCursor), "BAD_USER_INPUT");
		String padded = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("a1:01700000000000000:" + UUID.randomUUID()).getBytes());
		expectError(myRooms(this.bob, 5, padded), "BAD_USER_INPUT");
	}

	@Test
	void aPageOfAHundredCostsAsManyStatementsAsAPageOfTen() {
		List<String> ten = readPage(10, null);
		List<String> hundred = readPage(100, null);
		List<String> later = readPage(100, 30);
		System.out.println("myRooms statements for a first page of 10: " + ten.size() + ", of 100: " + hundred.size()
				+ ", of 70 after a cursor: " + later.size() + "\n" + String.join("\n", later));
		assertThat(hundred).hasSameSizeAs(ten);
		// The rooms with their read state; the newest messages; the users not in memory.
		assertThat(hundred).hasSize(3);
		// ... and whether a room comes before the cursor.
		assertThat(later).hasSize(4);
	}

	// A viewer in n rooms, each created by another user and holding two messages by
	// another two (in every third room the newest is deleted), none of these users in
	// memory. Reads the first page of n rooms, or, with skip, the page after the first
	// skip rooms.
	private List<String> readPage(int n, Integer skip) {
		TestUser viewer = this.client.register();
		UUID[] users = newUsers(3 * n);
		this.db.sql("""
				WITH r AS (
				  INSERT INTO rooms (name, private, member_count, created_by, last_seq, last_change, last_message_at)
				  SELECT :prefix || '-' || i, false, 1, (:users::uuid[])[i], 2, 2, now() - make_interval(secs => i)
				  FROM generate_series(1, :n) AS i RETURNING id, created_by, substring(name from '[0-9]+$')::int AS i),
				m AS (INSERT INTO memberships (room_id, user_id) SELECT id, :viewer FROM r)
				INSERT INTO messages (room_id, seq, author_id, content, posted_change, deleted_at)
				SELECT r.id, s, (:users::uuid[])[s * :n + r.i], 'message ' || s, s,
				  CASE WHEN s = 2 AND r.i % 3 = 0 THEN now() END
				FROM r, generate_series(1, 2) AS s""")
			.bind("prefix", TestSupport.unique("mine"))
			.bind("users", users)
			.bind("n", n)
			.bind("viewer", UUID.fromString(viewer.id()))
			.then()
			.block(TestSupport.TIMEOUT);
		String after = null;
		if (skip != null) {
			after = endCursor(myRooms(viewer, skip, null));
		}
		int expected = n - ((skip != null) ? skip : 0);
		GraphQlTester.Response page;
		List<String> statements;
		try (SqlLog sql = SqlLog.capture()) {
			page = myRooms(viewer, n, after);
			page.path("myRooms.edges").entityList(Object.class).hasSize(expected);
			statements = sql.statements();
		}
		List<Map<String, Object>> rooms = nodes(page);
		assertThat(rooms).extracting((room) -> room.get("createdBy")).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(rooms).extracting((room) -> room.get("lastMessage"))
			.doesNotContainNull()
			.extracting((message) -> ((Map<?, ?>) message).get("author"))
			.doesNotHaveDuplicates();
		assertThat(rooms).extracting((room) -> (Object) ((Map<?, ?>) room.get("lastMessage")).get("seq"))
			.contains(1, 2);
		assertThat(rooms).extracting((room) -> room.get("unreadCount")).containsOnly(1, 2);
		return statements;
	}

	// Accounts straight in the database (no bcrypt): only their ids and names are read.
	private UUID[] newUsers(int count) {
		String prefix = TestSupport.unique("r");
		return this.db.sql("""
				INSERT INTO users (username, email, password_hash)
				SELECT :prefix || '-' || i, :prefix || '-' || i || '@example.com', 'not a hash'
				FROM generate_series(1, :count) AS i ORDER BY i RETURNING id""")
			.bind("prefix", prefix)
			.bind("count", count)
			.map((row) -> row.get("id", UUID.class))
			.all()
			.collectList()
			.block(TestSupport.TIMEOUT)
			.toArray(UUID[]::new);
	}

	private GraphQlTester.Response myRooms(TestUser user, Integer first, String after) {
		return this.client.as(user).document(MY_ROOMS).variable("first", first).variable("after", after).execute();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> nodes(GraphQlTester.Response page) {
		return page.errors()
			.verify()
			.path("myRooms.edges[*].node")
			.entityList(Map.class)
			.get()
			.stream()
			.map((node) -> (Map<String, Object>) node)
			.toList();
	}

	private static List<String> ids(GraphQlTester.Response page) {
		return page.errors().verify().path("myRooms.edges[*].node.id").entityList(String.class).get();
	}

	private static List<String> ids(List<Map<String, Object>> rooms) {
		return rooms.stream().map((room) -> (String) room.get("id")).toList();
	}

	private static String endCursor(GraphQlTester.Response page) {
		return page.errors().verify().path("myRooms.pageInfo.endCursor").entity(String.class).get();
	}

	private static void assertPageInfo(GraphQlTester.Response page, boolean hasNext, boolean hasPrevious) {
		page.path("myRooms.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(hasNext);
		page.path("myRooms.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(hasPrevious);
	}

}
