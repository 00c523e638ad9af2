package io.chatx.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.TestUser;

import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users who change a room at once through the GraphQL mutations: each posts, edits and
 * deletes their own messages, and adds and removes reactions on anyone's. Refusals (a
 * message deleted meanwhile) are part of the game. Also reads the room as
 * {@code messages()} shows it, every page.
 */
public final class ChangeMakers {

	private static final List<String> EMOJI = List.of("👍", "🎉", "❤️", "👀");

	private final String roomId;

	private final List<TestUser> users;

	private final List<String> posted = new CopyOnWriteArrayList<>();

	private Duration pause = Duration.ZERO;

	public ChangeMakers(String roomId, List<TestUser> users) {
		this.roomId = roomId;
		this.users = users;
	}

	/** Wait this long after each change. */
	public ChangeMakers pausing(Duration pause) {
		this.pause = pause;
		return this;
	}

	/**
	 * Each user makes {@code changes} random changes, all users at once, each through the
	 * client {@code clients} gives for its index; completes when all are done.
	 */
	public Mono<Void> run(int changes, IntFunction<ChatxClient> clients) {
		return run(changes, () -> false, clients);
	}

	/**
	 * As {@link #run(int, IntFunction)}, each user going on after {@code changes} while
	 * {@code more} says so.
	 */
	public Mono<Void> run(int changes, BooleanSupplier more, IntFunction<ChatxClient> clients) {
		return Flux.range(0, this.users.size())
			.flatMap((u) -> Mono.fromRunnable(() -> play(u, changes, more, clients.apply(u)))
				.subscribeOn(Schedulers.boundedElastic()), this.users.size())
			.then();
	}

	private void play(int index, int changes, BooleanSupplier more, ChatxClient client) {
		TestUser user = this.users.get(index);
		Random random = new Random(index);
		List<String> mine = new ArrayList<>();
		// (message id, emoji) of the reactions this user added
		List<List<String>> added = new ArrayList<>();
		for (int i = 0; i < changes || more.getAsBoolean(); i++) {
			if (!this.pause.isZero()) {
				LockSupport.parkNanos(this.pause.toNanos());
			}
			int roll = random.nextInt(10);
			if (mine.isEmpty() || this.posted.isEmpty() || roll < 3) {
				mine.add(post(client, user, "u" + index + "-" + i));
			}
			else if (roll < 5) {
				execute(client, user, "mutation($input: EditMessageInput!) { editMessage(input: $input) { id } }", Map
					.of("input", Map.of("messageId", pick(random, mine), "content", "u" + index + " edit " + i)));
			}
			else if (roll < 6) {
				execute(client, user, "mutation($id: ID!) { deleteMessage(messageId: $id) { id } }",
						Map.of("id", pick(random, mine)));
			}
			else if (roll < 9 || added.isEmpty()) {
				List<String> reaction = List.of(pick(random, this.posted), EMOJI.get(random.nextInt(EMOJI.size())));
				react("addReaction", client, user, reaction);
				added.add(reaction);
			}
			else {
				react("removeReaction", client, user, added.remove(random.nextInt(added.size())));
			}
		}
	}

	private static void react(String mutation, ChatxClient client, TestUser user, List<String> reaction) {
		execute(client, user,
				"mutation($id: ID!, $emoji: String!) { " + mutation + "(messageId: $id, emoji: $emoji) { id } }",
				Map.of("id", reaction.get(0), "emoji", reaction.get(1)));
	}

	/** Post as {@code user}; the message's id. */
	public String post(ChatxClient client, TestUser user, String content) {
		String id = client.as(user)
			.document("mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }")
			.variable("input", Map.of("roomId", this.roomId, "content", content))
			.execute()
			.path("sendMessage.id")
			.entity(String.class)
			.get();
		this.posted.add(id);
		return id;
	}

	private static void execute(ChatxClient client, TestUser user, String document, Map<String, Object> variables) {
		GraphQlTester.Request<?> request = client.as(user).document(document);
		for (Map.Entry<String, Object> variable : variables.entrySet()) {
			request = request.variable(variable.getKey(), variable.getValue());
		}
		// The one refusal in the game: the message was deleted meanwhile.
		request.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).allSatisfy(
					(error) -> assertThat(ChatFixtures.code(error)).as(error.getMessage()).isEqualTo("NOT_FOUND")));
	}

	private static String pick(Random random, List<String> ids) {
		return ids.get(random.nextInt(ids.size()));
	}

	/** The room as messages() shows it now: every message by id, read page by page. */
	@SuppressWarnings("unchecked")
	public static Map<String, Map<String, Object>> messages(ChatxClient client, TestUser viewer, String roomId) {
		Map<String, Map<String, Object>> messages = new LinkedHashMap<>();
		String after = null;
		for (;;) {
			Map<String, Object> page = history(client, viewer, roomId, 100, after);
			for (Map<String, Object> edge : (List<Map<String, Object>>) page.get("edges")) {
				Map<String, Object> node = (Map<String, Object>) edge.get("node");
				messages.put((String) node.get("id"), node);
			}
			Map<String, Object> pageInfo = (Map<String, Object>) page.get("pageInfo");
			if (!Boolean.TRUE.equals(pageInfo.get("hasNextPage"))) {
				return messages;
			}
			after = (String) pageInfo.get("endCursor");
		}
	}

	/** One forward page of history: edges (cursor, node) and pageInfo. */
	public static Map<String, Object> history(ChatxClient client, TestUser viewer, String roomId, int first,
			String after) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("id", roomId);
		variables.put("first", first);
		variables.put("after", after);
		GraphQlTester.Request<?> request = client.as(viewer)
			.document("query($id: ID!, $first: Int, $after: String) { messages(roomId: $id, first: $first,"
					+ " after: $after) { edges { cursor node { " + AppliedStream.MESSAGE
					+ " } } pageInfo { hasNextPage endCursor } } }");
		for (Map.Entry<String, Object> variable : variables.entrySet()) {
			request = request.variable(variable.getKey(), variable.getValue());
		}
		return request.execute().path("messages").entity(Map.class).get();
	}

}
