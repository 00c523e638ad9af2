package io.chatx.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Preparing a benchmark over plain HTTP: users, rooms, memberships, and reading the
 * server's Actuator metrics.
 */
final class Setup {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	private final String management;

	private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

	Setup(String base, String management) {
		this.base = base;
		this.management = management;
	}

	record User(String id, String token) {
	}

	/**
	 * Register {@code count} users (bcrypt makes this ~50 ms each, so a few at a time).
	 */
	List<User> users(String prefix, int count) {
		List<CompletableFuture<User>> pending = new ArrayList<>();
		List<User> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = prefix + "-" + this.runId + "-" + i;
			pending.add(CompletableFuture.supplyAsync(() -> register(name)));
			if (pending.size() == 4 || i == count - 1) {
				pending.forEach((f) -> users.add(f.join()));
				pending.clear();
			}
		}
		return users;
	}

	private User register(String name) {
		JsonNode data = graphql(null, """
				mutation($u: String!, $e: String!) {
				  register(input: {username: $u, email: $e, password: "bench-password"}) { accessToken user { id } }
				}""", Map.of("u", name, "e", name + "@bench.example"));
		JsonNode register = data.get("register");
		return new User(register.get("user").get("id").asString(), register.get("accessToken").asString());
	}

	String createRoom(User owner, String name) {
		return graphql(owner, "mutation($n: String!) { createRoom(input: {name: $n}) { id } }",
				Map.of("n", name + "-" + this.runId))
			.get("createRoom")
			.get("id")
			.asString();
	}

	void join(User user, String roomId) {
		graphql(user, "mutation($r: ID!) { joinRoom(roomId: $r) { id } }", Map.of("r", roomId));
	}

	void send(User user, String roomId, String content) {
		graphql(user, "mutation($r: ID!, $c: String!) { sendMessage(input: {roomId: $r, content: $c}) { seq } }",
				Map.of("r", roomId, "c", content));
	}

	long lastSeq(User user, String roomId) {
		return graphql(user, "query($r: ID!) { room(id: $r) { lastSeq } }", Map.of("r", roomId)).get("room")
			.get("lastSeq")
			.asLong();
	}

	/**
	 * The room's change number now: the newest history edge's cursor carries it (read in
	 * the same statement as the page); 0 for a room without messages.
	 */
	long lastChange(User user, String roomId) {
		JsonNode edges = graphql(user, "query($r: ID!) { messages(roomId: $r, last: 1) { edges { cursor } } }",
				Map.of("r", roomId))
			.get("messages")
			.get("edges");
		return edges.isEmpty() ? 0 : Cursors.change(edges.get(0).get("cursor").asString());
	}

	/**
	 * Sum of an Actuator metric's measurement (on the management port), optionally
	 * narrowed by a tag.
	 */
	double metric(String name, String tag) {
		String uri = this.management + "/actuator/metrics/" + name + ((tag != null) ? "?tag=" + tag : "");
		JsonNode body = json.readTree(get(uri));
		return body.get("measurements").get(0).get("value").asDouble();
	}

	/**
	 * Sign in users seeded in SQL with {@link Database#PASSWORD}, a few at a time; in the
	 * order of {@code usernames}.
	 */
	List<User> login(List<String> usernames) {
		List<CompletableFuture<User>> pending = new ArrayList<>();
		List<User> users = new ArrayList<>();
		for (int i = 0; i < usernames.size(); i++) {
			String name = usernames.get(i);
			pending.add(CompletableFuture.supplyAsync(() -> login(name)));
			if (pending.size() == 8 || i == usernames.size() - 1) {
				pending.forEach((f) -> users.add(f.join()));
				pending.clear();
			}
		}
		return users;
	}

	private User login(String username) {
		JsonNode login = graphql(null, """
				mutation($l: String!, $p: String!) {
				  login(input: {login: $l, password: $p}) { accessToken user { id } }
				}""", Map.of("l", username, "p", Database.PASSWORD)).get("login");
		return new User(login.get("user").get("id").asString(), login.get("accessToken").asString());
	}

	/** The data of a GraphQL request over HTTP; an error answer throws. */
	JsonNode graphql(User user, String query, Map<String, Object> variables) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("query", query);
		request.put("variables", variables);
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)));
		if (user != null) {
			builder.header("Authorization", "Bearer " + user.token());
		}
		try {
			HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = json.readTree(response.body());
			if (body.has("errors") && !body.get("errors").isEmpty()) {
				throw new IllegalStateException("GraphQL error: " + body.get("errors"));
			}
			return body.get("data");
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String get(String uri) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
