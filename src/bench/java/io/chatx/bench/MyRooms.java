package io.chatx.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * myRooms: M stored messages over R rooms, seeded in SQL, then {@code myRooms(first:
 * 100)} with unread counts and last messages timed over HTTP for users in 100 rooms each,
 * and the plans of the statements it runs.
 * <p>
 * The seed keeps what the server relies on: seqs 1..last_seq in each room, a POSTED row
 * in room_changes per message (change = posted_change = seq), about 1% of the messages
 * deleted (deleted_at, content '', a DELETED change after the posts), last_change =
 * last_seq + deletions, last_message_at = the newest sent_at. Each room has 5 authors,
 * whose markers are at last_seq (none of their own messages lies above it); each viewer
 * has read its rooms up to 0-199 messages below last_seq, so that unread counts are real
 * and some deleted messages lie above the markers.
 */
final class MyRooms {

	static final String QUERY = """
			query { myRooms(first: 100) { edges { node { id name unreadCount lastReadSeq \
			lastMessage { id content sentAt author { username } } } } } }""";

	private static final int AUTHORS_PER_ROOM = 5;

	private static final int UNREAD_WINDOW = 200;

	private final Bench bench;

	private final long messages;

	private final int rooms;

	private final int viewers;

	private final int roomsPerViewer;

	private final int authors;

	private final int deletedEvery;

	private final int warmup;

	private final int requests;

	private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

	MyRooms(Bench bench) {
		this.bench = bench;
		this.messages = Long.parseLong(bench.option("messages", "1000000"));
		this.rooms = bench.intOption("rooms", 1000);
		this.viewers = bench.intOption("viewers", 20);
		this.roomsPerViewer = Math.min(bench.intOption("rooms-per-viewer", 100), this.rooms);
		this.authors = Math.max(AUTHORS_PER_ROOM, bench.intOption("authors", 200));
		this.deletedEvery = bench.intOption("deleted-every", 100);
		this.warmup = bench.intOption("warmup", 100);
		this.requests = bench.intOption("requests", 500);
	}

	String run() throws Exception {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scenario", "myrooms");
		result.put("messages", this.messages);
		result.put("rooms", this.rooms);
		result.put("viewers", this.viewers);
		result.put("roomsPerViewer", this.roomsPerViewer);
		try (Database db = Database.open(this.bench)) {
			long start = System.nanoTime();
			seed(db);
			result.put("seedSeconds", (System.nanoTime() - start) / 1e9);
			result.put("deletedMessages", db.number("SELECT count(*) FROM messages WHERE deleted_at IS NOT NULL"));

			List<String> names = new ArrayList<>();
			for (int v = 0; v < this.viewers; v++) {
				names.add(viewerName(v));
			}
			List<Setup.User> viewerUsers = this.bench.setup.login(names);
			TimedQueries queries = new TimedQueries(this.bench.baseUrl);

			// The first answer of viewer 0, checked against the database.
			JsonNode first = queries.run(viewerUsers.get(0).token(), QUERY, "{}", false);
			if (first == null) {
				throw new IllegalStateException("myRooms failed (see the error above)");
			}
			result.putAll(check(db, viewerUsers.get(0), first));

			Bench.log("myrooms: " + this.warmup + " warm-up requests, then " + this.requests);
			for (int i = 0; i < this.warmup; i++) {
				queries.run(viewerUsers.get(i % this.viewers).token(), QUERY, "{}", false);
			}
			Bench.CpuMark cpu = this.bench.cpuMark();
			for (int i = 0; i < this.requests; i++) {
				queries.run(viewerUsers.get(i % this.viewers).token(), QUERY, "{}", true);
			}
			result.put("cpuCores", this.bench.cpuSince(cpu));
			result.put("latencyMs", queries.takeMilliseconds());
			result.put("errors", queries.errors());

			List<List<String>> plans = db
				.serverPlans(() -> queries.run(viewerUsers.get(1 % this.viewers).token(), QUERY, "{}", false));
			result.put("plans", printed(plans));
		}
		return Json.object(result);
	}

	private String viewerName(int v) {
		return "mr-v" + v + "-" + this.run;
	}

	private void seed(Database db) throws Exception {
		long perRoom = this.messages / this.rooms;
		long extra = this.messages % this.rooms;
		int d = this.deletedEvery;
		int step = this.rooms / this.roomsPerViewer;
		String hash = Database.passwordHash();
		Bench.log("myrooms: seeding " + this.messages + " messages in " + this.rooms + " rooms");
		db.execute("numbering", """
				CREATE TEMP TABLE b_authors AS SELECT i, gen_random_uuid() AS id FROM generate_series(0, %d) i;
				CREATE TEMP TABLE b_viewers AS SELECT i, gen_random_uuid() AS id FROM generate_series(0, %d) i;
				-- n: the room's messages; at: its newest message's time, spread over a day;
				-- deleted: how many s in 1..n have (s + i) %% d = 0.
				CREATE TEMP TABLE b_rooms AS SELECT i, gen_random_uuid() AS id, n,
				  now() - make_interval(secs => (i * 7919 %% 86400)::double precision) AS at,
				  (n + i) / %d - i / %d AS deleted
				  FROM (SELECT i, %d + CASE WHEN i < %d THEN 1 ELSE 0 END AS n FROM generate_series(0, %d) i) r;
				ANALYZE b_authors; ANALYZE b_viewers; ANALYZE b_rooms""".formatted(this.authors - 1, this.viewers - 1,
				d, d, perRoom, extra, this.rooms - 1));
		db.execute("users",
				"""
						INSERT INTO users (id, username, email, password_hash, created_at)
						SELECT id, 'mr-a' || i || '-%1$s', 'mr-a' || i || '-%1$s@bench.example', '%2$s', now() - interval '90 days'
						FROM b_authors
						UNION ALL
						SELECT id, 'mr-v' || i || '-%1$s', 'mr-v' || i || '-%1$s@bench.example', '%2$s', now() - interval '90 days'
						FROM b_viewers"""
					.formatted(this.run, hash));
		db.execute("rooms",
				"""
						INSERT INTO rooms (id, name, private, member_count, created_by, created_at, last_seq, last_change,
						  last_message_at)
						SELECT r.id, 'mr-room-' || r.i || '-%s', false, 0, a.id, now() - interval '60 days', r.n, r.n + r.deleted,
						  CASE WHEN r.n > 0 THEN r.at END
						FROM b_rooms r JOIN b_authors a ON a.i = (r.i * %d) %% %d"""
					.formatted(this.run, AUTHORS_PER_ROOM, this.authors));
		// A message a minute up to the room's newest; authors in turn.
		db.execute("messages", """
				INSERT INTO messages (id, room_id, seq, author_id, content, sent_at, posted_change, deleted_at)
				SELECT gen_random_uuid(), r.id, s, a.id,
				  CASE WHEN (s + r.i) %% %1$d = 0 THEN ''
				    ELSE 'Bench message ' || s || ' in room ' || r.i || ', a line of ordinary chat text.' END,
				  r.at - make_interval(mins => (r.n - s)::int), s,
				  CASE WHEN (s + r.i) %% %1$d = 0 THEN r.at + interval '1 minute' END
				FROM b_rooms r CROSS JOIN LATERAL generate_series(1, r.n) s
				JOIN b_authors a ON a.i = (r.i * %2$d + s %% %2$d) %% %3$d""".formatted(d, AUTHORS_PER_ROOM,
				this.authors));
		db.execute("posted changes", """
				INSERT INTO room_changes (room_id, change, kind, message_id, user_id, seq_at, at)
				SELECT m.room_id, m.posted_change, 'POSTED', m.id, m.author_id, m.seq, m.sent_at
				FROM messages m JOIN b_rooms r ON r.id = m.room_id""");
		db.execute("deleted changes", """
				INSERT INTO room_changes (room_id, change, kind, message_id, user_id, seq_at, at)
				SELECT m.room_id, r.n + row_number() OVER (PARTITION BY m.room_id ORDER BY m.seq), 'DELETED', m.id,
				  m.author_id, r.n, m.deleted_at
				FROM messages m JOIN b_rooms r ON r.id = m.room_id WHERE m.deleted_at IS NOT NULL""");
		db.execute("memberships",
				"""
						INSERT INTO memberships (room_id, user_id, joined_at, last_read_seq)
						SELECT r.id, a.id, now() - interval '60 days', r.n
						FROM b_rooms r CROSS JOIN generate_series(0, %1$d - 1) k JOIN b_authors a ON a.i = (r.i * %1$d + k) %% %2$d
						UNION ALL
						SELECT r.id, v.id, now() - interval '30 days', greatest(0, r.n - (v.i * 31 + r.i * 17) %% %3$d)
						FROM b_viewers v CROSS JOIN generate_series(0, %4$d - 1) k JOIN b_rooms r ON r.i = (v.i * 13 + k * %5$d) %% %6$d"""
					.formatted(AUTHORS_PER_ROOM, this.authors, UNREAD_WINDOW, this.roomsPerViewer, step, this.rooms));
		db.execute("member counts", """
				UPDATE rooms SET member_count = c.n
				FROM (SELECT m.room_id, count(*) AS n FROM memberships m JOIN b_rooms r ON r.id = m.room_id
				  GROUP BY m.room_id) c WHERE rooms.id = c.room_id""");
		db.execute("analyze",
				"ANALYZE users; ANALYZE rooms; ANALYZE memberships; ANALYZE messages; ANALYZE room_changes");
		db.execute("checkpoint", "CHECKPOINT");
	}

	/**
	 * Viewer 0's answer against the database: its rooms, their order by activity, each
	 * room's unread count (counted message by message: not deleted, not the viewer's,
	 * above the marker) and newest message that is not deleted.
	 */
	private Map<String, Object> check(Database db, Setup.User viewer, JsonNode data) throws Exception {
		Map<String, long[]> expected = new HashMap<>();
		Map<String, String> expectedLast = new HashMap<>();
		List<String> expectedOrder = new ArrayList<>();
		for (List<Object> row : db.query("""
				SELECT r.id::text,
				  (SELECT count(*) FROM messages m WHERE m.room_id = r.id AND m.seq > vm.last_read_seq
				    AND m.deleted_at IS NULL AND m.author_id <> vm.user_id),
				  vm.last_read_seq,
				  (SELECT m.id::text FROM messages m WHERE m.room_id = r.id AND m.deleted_at IS NULL
				    ORDER BY m.seq DESC LIMIT 1)
				FROM memberships vm JOIN rooms r ON r.id = vm.room_id
				WHERE vm.user_id = '%s'
				ORDER BY coalesce(r.last_message_at, vm.joined_at) DESC, r.id DESC LIMIT 100"""
			.formatted(viewer.id()))) {
			String id = (String) row.get(0);
			expectedOrder.add(id);
			expected.put(id, new long[] { ((Number) row.get(1)).longValue(), ((Number) row.get(2)).longValue() });
			expectedLast.put(id, (String) row.get(3));
		}
		JsonNode edges = data.get("myRooms").get("edges");
		long wrongUnread = 0;
		long wrongMarker = 0;
		long wrongLast = 0;
		long unread = 0;
		List<String> order = new ArrayList<>();
		for (JsonNode edge : edges) {
			JsonNode node = edge.get("node");
			String id = node.get("id").asString();
			order.add(id);
			long[] want = expected.getOrDefault(id, new long[] { -1, -1 });
			long count = node.get("unreadCount").asLong();
			unread += count;
			wrongUnread += (count != want[0]) ? 1 : 0;
			wrongMarker += (node.get("lastReadSeq").asLong() != want[1]) ? 1 : 0;
			JsonNode last = node.get("lastMessage");
			String lastId = (last == null || last.isNull()) ? null : last.get("id").asString();
			wrongLast += java.util.Objects.equals(lastId, expectedLast.get(id)) ? 0 : 1;
		}
		Map<String, Object> check = new LinkedHashMap<>();
		check.put("checkedRooms", edges.size());
		check.put("checkedUnreadTotal", unread);
		check.put("wrongUnreadCounts", wrongUnread);
		check.put("wrongLastReadSeqs", wrongMarker);
		check.put("wrongLastMessages", wrongLast);
		check.put("orderAsExpected", order.equals(expectedOrder));
		if (wrongUnread + wrongMarker + wrongLast > 0 || !order.equals(expectedOrder)) {
			Bench.log("myrooms: the answer of viewer 0 differs from the database: " + check);
		}
		return check;
	}

	/** Log each plan whole; answer their summaries. */
	static List<Object> printed(List<List<String>> plans) {
		List<Object> summaries = new ArrayList<>();
		for (List<String> plan : plans) {
			Bench.log("plan:\n    " + String.join("\n    ", plan));
			summaries.add(Database.summary(plan));
		}
		if (plans.isEmpty()) {
			Bench.log("no plans in postgres.log (auto_explain did not log)");
		}
		return summaries;
	}

}
