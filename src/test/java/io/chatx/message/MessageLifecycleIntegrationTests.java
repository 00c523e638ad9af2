package io.chatx.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.message.Lifecycle.LoggedChange;
import io.chatx.support.ChatFixtures;
import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatx.support.ChatFixtures.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing, deleting, replying and reacting over real HTTP: every rule and error code, the
 * change numbers and log rows of accepted changes, and that refused or empty changes take
 * no number and publish nothing.
 */
@IntegrationTest
@Import(RecordedChanges.class)
class MessageLifecycleIntegrationTests {

	@Autowired
	ChatFixtures fixtures;

	@Autowired
	ChatxClient client;

	@Autowired
	DatabaseClient db;

	@Autowired
	RecordedChanges events;

	Lifecycle lifecycle;

	TestUser alice;

	TestUser bob;

	String roomId;

	@BeforeEach
	void setUp() {
		this.lifecycle = new Lifecycle(this.client, this.db);
		this.alice = this.client.register();
		this.bob = this.client.register();
		this.roomId = this.fixtures.publicRoom(this.alice);
		this.fixtures.join(this.bob, this.roomId);
	}

	@Test
	void anEditReplacesTheContentSetsEditedAtAndIsTheRoomsNextChange() {
		String id = this.lifecycle.post(this.alice, this.roomId, "helo");
		this.lifecycle.post(this.bob, this.roomId, "hi");
		this.lifecycle.edit(this.alice, id, "  hello  ")
			.path("editMessage.content")
			.entity(String.class)
			.isEqualTo("hello")
			.path("editMessage.seq")
			.entity(Long.class)
			.isEqualTo(1L)
			.path("editMessage.editedAt")
			.hasValue()
			.path("editMessage.deleted")
			.entity(Boolean.class)
			.isEqualTo(false);
		assertThat(this.lifecycle.log(this.roomId))
			.extracting(LoggedChange::change, LoggedChange::kind, LoggedChange::seqAt)
			.containsExactly(Tuple.tuple(1L, "POSTED", 1L), Tuple.tuple(2L, "POSTED", 2L),
					Tuple.tuple(3L, "EDITED", 2L));
		List<MessageChangedEvent> published = this.events.ofRoom(this.roomId);
		assertThat(published).hasSize(1);
		assertThat(published.get(0).change())
			.isEqualTo(new RoomChange(3, 2, ChangeKind.EDITED, UUID.fromString(this.alice.id()), null));
		assertThat(published.get(0).message().content()).isEqualTo("hello");
		assertThat(published.get(0).message().editedAt()).isNotNull();
		// History shows the edit.
		history(this.alice).path("messages.edges[0].node.content")
			.entity(String.class)
			.isEqualTo("hello")
			.path("messages.edges[0].node.editedAt")
			.hasValue()
			.path("messages.edges[1].node.editedAt")
			.valueIsNull();
	}

	@Test
	void onlyTheAuthorMayEditAndContentRulesAreThoseOfSending() {
		String id = this.lifecycle.post(this.alice, this.roomId, "mine");
		TestUser carol = this.client.register();
		expectError(this.lifecycle.edit(this.bob, id, "bob's now"), "FORBIDDEN");
		expectError(this.lifecycle.edit(carol, id, "not even a member"), "FORBIDDEN");
		for (String bad : List.of("", "  \n ", "x".repeat(4001), "nul\u0000")) {
			expectError(this.lifecycle.edit(this.alice, id, bad), "BAD_USER_INPUT");
		}
		// The room's creator may delete, not edit.
		String bobs = this.lifecycle.post(this.bob, this.roomId, "bob's");
		expectError(this.lifecycle.edit(this.alice, bobs, "alice's now"), "FORBIDDEN");
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(2);
		assertThat(this.events.ofRoom(this.roomId)).isEmpty();
	}

	@Test
	void theAuthorAndTheRoomsCreatorMayDeleteOtherMembersMayNot() {
		String alices = this.lifecycle.post(this.alice, this.roomId, "alice's");
		String bobs = this.lifecycle.post(this.bob, this.roomId, "bob's");
		String bobsOther = this.lifecycle.post(this.bob, this.roomId, "bob's other");
		expectError(this.lifecycle.delete(this.bob, alices), "FORBIDDEN");
		TestUser carol = this.client.register();
		expectError(this.lifecycle.delete(carol, bobs), "FORBIDDEN");
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(3);
		// The creator deletes bob's message; bob deletes his own.
		this.lifecycle.delete(this.alice, bobs).path("deleteMessage.deleted").entity(Boolean.class).isEqualTo(true);
		this.lifecycle.delete(this.bob, bobsOther).path("deleteMessage.deleted").entity(Boolean.class).isEqualTo(true);
		this.lifecycle.delete(this.alice, alices).path("deleteMessage.seq").entity(Long.class).isEqualTo(1L);
		assertThat(this.lifecycle.log(this.roomId)).extracting(LoggedChange::kind)
			.containsExactly("POSTED", "POSTED", "POSTED", "DELETED", "DELETED", "DELETED");
		assertThat(this.events.ofRoom(this.roomId)).extracting((event) -> event.change().number())
			.containsExactly(4L, 5L, 6L);
	}

	@Test
	void deletionLeavesATombstoneWithoutContentOrReactions() {
		String id = this.lifecycle.post(this.bob, this.roomId, "regrettable");
		this.lifecycle.add(this.alice, id, "👍");
		this.lifecycle.add(this.bob, id, "😂");
		this.lifecycle.delete(this.bob, id)
			.path("deleteMessage.content")
			.entity(String.class)
			.isEqualTo("")
			.path("deleteMessage.deleted")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("deleteMessage.reactions")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(ChatFixtures.number(this.db, "SELECT count(*) FROM reactions WHERE message_id = :id",
				UUID.fromString(id)))
			.isZero();
		// History keeps its place, as a tombstone.
		this.lifecycle.post(this.alice, this.roomId, "after");
		history(this.bob).path("messages.edges[*].node.seq")
			.entityList(Long.class)
			.containsExactly(1L, 2L)
			.path("messages.edges[0].node.deleted")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("messages.edges[0].node.content")
			.entity(String.class)
			.isEqualTo("")
			.path("messages.edges[0].node.reactions")
			.entityList(Object.class)
			.hasSize(0);
		MessageChangedEvent deleted = this.events.ofRoom(this.roomId).get(2);
		assertThat(deleted.change().kind()).isEqualTo(ChangeKind.DELETED);
		assertThat(deleted.message().deleted()).isTrue();
		assertThat(deleted.message().reactions()).isEmpty();
	}

	@Test
	void deletedAndUnknownMessagesAreNotFound() {
		String id = this.lifecycle.post(this.alice, this.roomId, "soon gone");
		this.lifecycle.delete(this.alice, id).errors().verify();
		long changes = this.lifecycle.lastChange(this.roomId);
		expectError(this.lifecycle.edit(this.alice, id, "back"), "NOT_FOUND");
		expectError(this.lifecycle.delete(this.alice, id), "NOT_FOUND");
		expectError(this.lifecycle.add(this.alice, id, "👍"), "NOT_FOUND");
		expectError(this.lifecycle.remove(this.alice, id, "👍"), "NOT_FOUND");
		expectError(this.lifecycle.send(this.alice, Map.of("roomId", this.roomId, "content", "re", "replyToId", id)),
				"NOT_FOUND");
		for (String unknown : List.of(UUID.randomUUID().toString(), "not-an-id")) {
			expectError(this.lifecycle.edit(this.alice, unknown, "x"), "NOT_FOUND");
			expectError(this.lifecycle.delete(this.alice, unknown), "NOT_FOUND");
			expectError(this.lifecycle.add(this.alice, unknown, "👍"), "NOT_FOUND");
			expectError(this.lifecycle.remove(this.alice, unknown, "👍"), "NOT_FOUND");
			expectError(this.lifecycle.send(this.alice,
					Map.of("roomId", this.roomId, "content", "re", "replyToId", unknown)), "NOT_FOUND");
		}
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(changes);
		assertThat(this.events.ofRoom(this.roomId)).hasSize(1);
	}

	@Test
	void aReplyAnswersAMessageOfTheSameRoom() {
		String parent = this.lifecycle.post(this.alice, this.roomId, "question");
		this.lifecycle.send(this.bob, Map.of("roomId", this.roomId, "content", "answer", "replyToId", parent))
			.path("sendMessage.seq")
			.entity(Long.class)
			.isEqualTo(2L)
			.path("sendMessage.replyTo.id")
			.entity(String.class)
			.isEqualTo(parent)
			.path("sendMessage.replyTo.content")
			.entity(String.class)
			.isEqualTo("question");
		String elsewhere = this.fixtures.publicRoom(this.bob);
		String foreign = this.lifecycle.post(this.bob, elsewhere, "other room");
		expectError(
				this.lifecycle.send(this.bob,
						Map.of("roomId", this.roomId, "content", "cross-room", "replyToId", foreign)),
				"BAD_USER_INPUT");
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(2);
		// A deleted parent shows as a tombstone.
		this.lifecycle.delete(this.alice, parent).errors().verify();
		history(this.bob).path("messages.edges[1].node.replyTo.id")
			.entity(String.class)
			.isEqualTo(parent)
			.path("messages.edges[1].node.replyTo.deleted")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("messages.edges[0].node.replyTo")
			.valueIsNull();
	}

	@Test
	void attachmentsAreAtMostTenAndNoneExistYet() {
		List<String> eleven = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			eleven.add(UUID.randomUUID().toString());
		}
		expectError(this.lifecycle.send(this.alice,
				Map.of("roomId", this.roomId, "content", "files", "attachmentIds", eleven)), "BAD_USER_INPUT");
		expectError(
				this.lifecycle.send(this.alice,
						Map.of("roomId", this.roomId, "content", "files", "attachmentIds", eleven.subList(0, 1))),
				"NOT_FOUND");
		this.lifecycle
			.send(this.alice, Map.of("roomId", this.roomId, "content", "no files", "attachmentIds", List.of()))
			.path("sendMessage.seq")
			.entity(Long.class)
			.isEqualTo(1L);
	}

	@Test
	void reactionGroupsAreInFirstAddedOrderWithCountMineAndUsers() {
		String id = this.lifecycle.post(this.alice, this.roomId, "react to me");
		this.lifecycle.add(this.bob, id, "🎉");
		this.lifecycle.add(this.alice, id, "👍");
		GraphQlTester.Response answer = this.lifecycle.add(this.alice, id, "🎉");
		answer.path("addReaction.reactions[*].emoji")
			.entityList(String.class)
			.containsExactly("🎉", "👍")
			.path("addReaction.reactions[0].count")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("addReaction.reactions[0].mine")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("addReaction.reactions[0].users[*].id")
			.entityList(String.class)
			.containsExactly(this.bob.id(), this.alice.id());
		this.lifecycle.remove(this.alice, id, "🎉")
			.path("removeReaction.reactions[0].count")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("removeReaction.reactions[0].mine")
			.entity(Boolean.class)
			.isEqualTo(false);
		assertThat(this.lifecycle.log(this.roomId)).extracting(LoggedChange::kind, LoggedChange::emoji)
			.containsExactly(Tuple.tuple("POSTED", null), Tuple.tuple("REACTION_ADDED", "🎉"),
					Tuple.tuple("REACTION_ADDED", "👍"), Tuple.tuple("REACTION_ADDED", "🎉"),
					Tuple.tuple("REACTION_REMOVED", "🎉"));
		List<MessageChangedEvent> published = this.events.ofRoom(this.roomId);
		assertThat(published).extracting((event) -> event.change().number()).containsExactly(2L, 3L, 4L, 5L);
		// Each event carries the message right after its change.
		assertThat(published.get(0).message().reactions())
			.containsExactly(new Reaction("🎉", List.of(UUID.fromString(this.bob.id()))));
		assertThat(published.get(3).message().reactions()).extracting(Reaction::emoji, Reaction::count)
			.containsExactly(Tuple.tuple("🎉", 1), Tuple.tuple("👍", 1));
	}

	@Test
	void aGroupKeepsItsPlaceWhenItsFirstReactorLeavesItAndStartsAgainOnceEmptied() {
		String id = this.lifecycle.post(this.alice, this.roomId, "order");
		this.lifecycle.add(this.alice, id, "👍");
		this.lifecycle.add(this.bob, id, "🎉");
		this.lifecycle.add(this.bob, id, "👍");
		this.lifecycle.remove(this.alice, id, "👍")
			.path("removeReaction.reactions[*].emoji")
			.entityList(String.class)
			.containsExactly("👍", "🎉");
		this.lifecycle.remove(this.bob, id, "👍");
		this.lifecycle.add(this.alice, id, "👍")
			.path("addReaction.reactions[*].emoji")
			.entityList(String.class)
			.containsExactly("🎉", "👍");
	}

	@Test
	void reactionUsersTakeAnExplicitNullAsTheDefault() {
		String id = this.lifecycle.post(this.alice, this.roomId, "who");
		this.lifecycle.add(this.alice, id, "👍");
		this.lifecycle.add(this.bob, id, "👍");
		this.client.as(this.alice)
			.document("query($r: ID!) { messages(roomId: $r, last: 1) { edges { node { reactions {"
					+ " all: users(first: null) { id } one: users(first: 1) { id } } } } } }")
			.variable("r", this.roomId)
			.execute()
			.path("messages.edges[0].node.reactions[0].all[*].id")
			.entityList(String.class)
			.containsExactly(this.alice.id(), this.bob.id())
			.path("messages.edges[0].node.reactions[0].one[*].id")
			.entityList(String.class)
			.containsExactly(this.alice.id());
	}

	@Test
	void reactingAgainOrRemovingAnAbsentReactionChangesNothing() {
		String id = this.lifecycle.post(this.alice, this.roomId, "once");
		this.lifecycle.add(this.bob, id, "👍").errors().verify();
		long changes = this.lifecycle.lastChange(this.roomId);
		this.lifecycle.add(this.bob, id, "👍")
			.path("addReaction.reactions[0].count")
			.entity(Integer.class)
			.isEqualTo(1);
		this.lifecycle.remove(this.bob, id, "👎")
			.path("removeReaction.reactions[*].emoji")
			.entityList(String.class)
			.containsExactly("👍");
		this.lifecycle.remove(this.alice, id, "👍")
			.path("removeReaction.reactions[0].count")
			.entity(Integer.class)
			.isEqualTo(1);
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(changes);
		assertThat(this.events.ofRoom(this.roomId)).hasSize(1);
	}

	@Test
	void anEmojiIsOneTo32CharactersWithoutWhitespace() {
		String id = this.lifecycle.post(this.alice, this.roomId, "emoji rules");
		for (String bad : List.of("", "x".repeat(33), "a b", "a\tb", "\u00a0", "a\u0000")) {
			expectError(this.lifecycle.add(this.bob, id, bad), "BAD_USER_INPUT");
			expectError(this.lifecycle.remove(this.bob, id, bad), "BAD_USER_INPUT");
		}
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(1);
		// Characters, not UTF-16 units.
		String longest = "😀".repeat(32);
		this.lifecycle.add(this.bob, id, longest)
			.path("addReaction.reactions[0].emoji")
			.entity(String.class)
			.isEqualTo(longest);
	}

	@Test
	void aMessageHasAtMostTwentyDistinctEmoji() {
		String id = this.lifecycle.post(this.alice, this.roomId, "so many");
		for (int i = 0; i < 20; i++) {
			this.lifecycle.add(this.alice, id, "e" + i).errors().verify();
		}
		expectError(this.lifecycle.add(this.bob, id, "e20"), "BAD_USER_INPUT");
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(21);
		// Joining an existing group is still fine.
		this.lifecycle.add(this.bob, id, "e7")
			.path("addReaction.reactions[7].count")
			.entity(Integer.class)
			.isEqualTo(2);
		// Once a group is gone, a new emoji fits again.
		this.lifecycle.remove(this.alice, id, "e0").errors().verify();
		this.lifecycle.add(this.bob, id, "e20")
			.path("addReaction.reactions[*].emoji")
			.entityList(String.class)
			.hasSize(20)
			.contains("e20");
	}

	@Test
	void nonMembersMayNotReact() {
		String id = this.lifecycle.post(this.alice, this.roomId, "members only");
		TestUser carol = this.client.register();
		expectError(this.lifecycle.add(carol, id, "👀"), "FORBIDDEN");
		expectError(this.lifecycle.remove(carol, id, "👀"), "FORBIDDEN");
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(1);
	}

	@Test
	void everyChangeNeedsASignedInUser() {
		String id = this.lifecycle.post(this.alice, this.roomId, "hi");
		for (String operation : List.of(Lifecycle.DELETE, Lifecycle.ADD, Lifecycle.REMOVE)) {
			expectError(this.client.anonymous().document(operation).variable("id", id).variable("emoji", "x").execute(),
					"UNAUTHENTICATED");
		}
		assertThat(this.lifecycle.lastChange(this.roomId)).isEqualTo(1);
	}

	private GraphQlTester.Response history(TestUser viewer) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("id", this.roomId);
		return this.client.as(viewer)
			.document(
					"query($id: ID!) { messages(roomId: $id) { edges { node { " + Lifecycle.MESSAGE_FIELDS + " } } } }")
			.variables(variables)
			.execute();
	}

}
