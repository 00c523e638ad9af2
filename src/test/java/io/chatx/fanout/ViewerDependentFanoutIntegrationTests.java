package io.chatx.fanout;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLNamedType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.RawWebSocket;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * roomEvents over real WebSockets with and without {@code Reaction.mine}: each viewer
 * gets its own answer, and a selection without a viewer-dependent field is still executed
 * once per event for all its subscribers.
 */
@IntegrationTest
class ViewerDependentFanoutIntegrationTests {

	static final String WITH_MINE = """
			subscription($id: ID!) {
			  roomEvents(roomId: $id) {
			    __typename
			    ... on PresenceChanged { user { username } online }
			    ... on ReactionChanged {
			      cursor emoji added user { username }
			      message { id reactions { emoji count mine } }
			    }
			  }
			}""";

	static final String WITHOUT_MINE = """
			subscription($id: ID!) {
			  roomEvents(roomId: $id) {
			    __typename
			    ... on PresenceChanged { user { username } online }
			    ... on ReactionChanged {
			      cursor emoji added user { username }
			      message { id reactions { emoji count } }
			    }
			  }
			}""";

	static final String SEND = """
			mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }""";

	static final String ADD_REACTION = """
			mutation($id: ID!, $emoji: String!) { addReaction(messageId: $id, emoji: $emoji) { id } }""";

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	CursorExecutions executions;

	@Test
	void eachViewerGetsItsOwnMineAndASelectionWithoutMineIsExecutedOnce() {
		TestUser ann = this.client.register();
		TestUser bob = this.client.register();
		TestUser cat = this.client.register();
		TestUser dan = this.client.register();
		String room = this.fixtures.publicRoom(ann);
		this.fixtures.join(bob, room);
		String message = this.client.as(ann)
			.document(SEND)
			.variable("input", Map.of("roomId", room, "content", "react to me"))
			.execute()
			.path("sendMessage.id")
			.entity(String.class)
			.get();
		try (Subscriber annMine = subscribe(ann, WITH_MINE, room);
				Subscriber bobMine = subscribe(bob, WITH_MINE, room);
				Subscriber catPlain = subscribe(cat, WITHOUT_MINE, room);
				Subscriber danPlain = subscribe(dan, WITHOUT_MINE, room)) {
			react(bob, message, "👍");
			Map<String, Object> forAnn = annMine.next("ReactionChanged");
			assertThat(forAnn).containsEntry("emoji", "👍")
				.containsEntry("added", true)
				.containsEntry("user", Map.of("username", bob.username()))
				.containsEntry("message", Map.of("id", message, "reactions", List.of(reaction("👍", 1, false))));
			assertThat(bobMine.next("ReactionChanged")).containsEntry("message",
					Map.of("id", message, "reactions", List.of(reaction("👍", 1, true))));
			for (Subscriber plain : List.of(catPlain, danPlain)) {
				assertThat(plain.next("ReactionChanged")).containsEntry("message",
						Map.of("id", message, "reactions", List.of(Map.of("emoji", "👍", "count", 1))));
			}
			String byBob = (String) forAnn.get("cursor");

			react(ann, message, "🎉");
			Map<String, Object> secondForAnn = annMine.next("ReactionChanged");
			assertThat(secondForAnn).containsEntry("user", Map.of("username", ann.username()))
				.containsEntry("message",
						Map.of("id", message, "reactions", List.of(reaction("👍", 1, false), reaction("🎉", 1, true))));
			assertThat(bobMine.next("ReactionChanged")).containsEntry("message",
					Map.of("id", message, "reactions", List.of(reaction("👍", 1, true), reaction("🎉", 1, false))));
			for (Subscriber plain : List.of(catPlain, danPlain)) {
				assertThat(plain.next("ReactionChanged")).containsEntry("message", Map.of("id", message, "reactions",
						List.of(Map.of("emoji", "👍", "count", 1), Map.of("emoji", "🎉", "count", 1))));
			}
			String byAnn = (String) secondForAnn.get("cursor");

			// Per event: the selection with mine once per viewer, the other once for all.
			for (String cursor : List.of(byBob, byAnn)) {
				assertThat(this.executions.of(WITH_MINE, cursor)).isEqualTo(2);
				assertThat(this.executions.of(WITHOUT_MINE, cursor)).isEqualTo(1);
			}
		}
	}

	private static Map<String, Object> reaction(String emoji, int count, boolean mine) {
		return Map.of("emoji", emoji, "count", count, "mine", mine);
	}

	private void react(TestUser user, String messageId, String emoji) {
		this.client.as(user)
			.document(ADD_REACTION)
			.variable("id", messageId)
			.variable("emoji", emoji)
			.execute()
			.errors()
			.verify();
	}

	/** Subscribed, and live: its own arrival in the room is the first event it sees. */
	private Subscriber subscribe(TestUser user, String query, String roomId) {
		Subscriber subscriber = new Subscriber(
				RawWebSocket.connectAs(URI.create(this.client.webSocketUri().toString()), user));
		subscriber.socket.subscribe("1", query, Map.of("id", roomId));
		assertThat(subscriber.next("PresenceChanged")).containsEntry("online", true)
			.containsEntry("user", Map.of("username", user.username()));
		return subscriber;
	}

	private record Subscriber(RawWebSocket socket) implements AutoCloseable {

		/** The next roomEvents event of one {@code __typename}, skipping others. */
		@SuppressWarnings("unchecked")
		Map<String, Object> next(String typename) {
			for (;;) {
				Map<String, Object> payload = (Map<String, Object>) this.socket.expect("next").get("payload");
				assertThat(payload).doesNotContainKey("errors");
				Map<String, Object> event = (Map<String, Object>) ((Map<String, Object>) payload.get("data"))
					.get("roomEvents");
				if (typename.equals(event.get("__typename"))) {
					return event;
				}
			}
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Executions {

		@Bean
		CursorExecutions cursorExecutions() {
			return new CursorExecutions();
		}

	}

	/**
	 * How many times each ReactionChanged event was executed for each document: its
	 * {@code cursor} field is fetched once per execution.
	 */
	static class CursorExecutions extends SimplePerformantInstrumentation {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		int of(String query, String cursor) {
			AtomicInteger count = this.counts.get(query + "\n" + cursor);
			return (count != null) ? count.get() : 0;
		}

		@Override
		public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
				InstrumentationFieldFetchParameters parameters, @Nullable InstrumentationState state) {
			DataFetchingEnvironment environment = parameters.getEnvironment();
			if (!"cursor".equals(environment.getField().getName())
					|| !(environment.getParentType() instanceof GraphQLNamedType parent)
					|| !"ReactionChanged".equals(parent.getName())) {
				return dataFetcher;
			}
			String query = parameters.getExecutionContext().getExecutionInput().getQuery();
			return (env) -> {
				Object cursor = dataFetcher.get(env);
				this.counts.computeIfAbsent(query + "\n" + cursor, (key) -> new AtomicInteger()).incrementAndGet();
				return cursor;
			};
		}

	}

}
