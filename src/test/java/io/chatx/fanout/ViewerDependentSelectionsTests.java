package io.chatx.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import graphql.language.Document;
import graphql.language.NodeUtil;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which roomEvents selections reach a {@code @viewerDependent} field, on ChatX's schema
 * as it is served (the files under {@code graphql/}).
 */
class ViewerDependentSelectionsTests {

	private static final GraphQLSchema SCHEMA = schema("chatx.graphqls", "message-lifecycle.graphqls",
			"validation.graphqls");

	@Test
	void aSelectionWithoutMineIsShared() {
		assertThat(
				reaches("""
						subscription($id: ID!) {
						  roomEvents(roomId: $id) {
						    __typename
						    ... on MessagePosted { cursor message { seq content author { username } } }
						    ... on ReactionChanged { cursor emoji added user { id } message { reactions { emoji count users { id } } } }
						    ... on PresenceChanged { user { username } online onlineCount }
						  }
						}"""))
			.isFalse();
	}

	@Test
	void mineInAnInlineFragmentOnReactionChanged() {
		assertThat(reaches("""
				subscription($id: ID!) {
				  roomEvents(roomId: $id) {
				    ... on ReactionChanged { message { reactions { emoji count mine } } }
				  }
				}""")).isTrue();
	}

	@Test
	void mineInAnInlineFragmentOnMessageEdited() {
		assertThat(reaches("""
				subscription($id: ID!) {
				  roomEvents(roomId: $id) {
				    ... on MessagePosted { cursor }
				    ... on MessageEdited { message { reactions { mine } } }
				  }
				}""")).isTrue();
	}

	@Test
	void mineUnderAnAlias() {
		assertThat(reaches("""
				subscription($id: ID!) {
				  events: roomEvents(roomId: $id) {
				    ... on MessagePosted { m: message { r: reactions { isMine: mine } } }
				  }
				}""")).isTrue();
	}

	@Test
	void mineInANamedFragment() {
		assertThat(reaches("""
				subscription($id: ID!) {
				  roomEvents(roomId: $id) { ...change }
				}
				fragment change on RoomEvent { ... on MessageDeleted { message { ...withReactions } } }
				fragment withReactions on Message { id reactions { ...reaction } }
				fragment reaction on Reaction { emoji mine }
				""")).isTrue();
	}

	@Test
	void aNamedFragmentWithoutMine() {
		assertThat(reaches("""
				subscription($id: ID!) {
				  roomEvents(roomId: $id) { ...change }
				}
				fragment change on RoomEvent { ... on MessageDeleted { message { ...withReactions } } }
				fragment withReactions on Message { id reactions { emoji count } }
				""")).isFalse();
	}

	@Test
	void mineReachedThroughTheParentOfAReply() {
		assertThat(reaches("""
				subscription($id: ID!) {
				  roomEvents(roomId: $id) {
				    ... on MessagePosted { message { replyTo { reactions { mine } } } }
				  }
				}""")).isTrue();
	}

	@Test
	void aFieldUnderIncludeOrSkipCountsWhateverItsCondition() {
		// One answer for every value of $mine: the cache holds it per document.
		assertThat(reaches("""
				subscription($id: ID!, $mine: Boolean!) {
				  roomEvents(roomId: $id) {
				    ... on ReactionChanged { message { reactions { emoji mine @include(if: $mine) } } }
				  }
				}""")).isTrue();
		assertThat(reaches("""
				subscription($id: ID!) {
				  roomEvents(roomId: $id) {
				    ... on ReactionChanged @skip(if: true) { message { reactions { mine } } }
				  }
				}""")).isTrue();
	}

	@Test
	void picksTheOperationByName() {
		String document = """
				subscription Plain($id: ID!) { roomEvents(roomId: $id) { ... on MessagePosted { cursor } } }
				subscription Mine($id: ID!) {
				  roomEvents(roomId: $id) { ... on MessagePosted { message { reactions { mine } } } }
				}""";
		assertThat(reaches(document, "Plain")).isFalse();
		assertThat(reaches(document, "Mine")).isTrue();
	}

	@Test
	void everyFieldSoMarkedIsViewerDependent() {
		// The schema's marks, as this walk sees them.
		assertThat(SCHEMA.getObjectType("Reaction")
			.getFieldDefinition("mine")
			.hasAppliedDirective(ViewerDependentSelections.DIRECTIVE)).isTrue();
		assertThat(SCHEMA.getObjectType("Reaction")
			.getFieldDefinition("count")
			.hasAppliedDirective(ViewerDependentSelections.DIRECTIVE)).isFalse();
		for (String field : List.of("joined", "lastSeq", "online", "onlineCount")) {
			assertThat(SCHEMA.getObjectType("Room")
				.getFieldDefinition(field)
				.hasAppliedDirective(ViewerDependentSelections.DIRECTIVE)).as(field).isTrue();
		}
	}

	@Test
	void answersOncePerDocumentAndOperation() {
		ViewerDependentSelections selections = new ViewerDependentSelections();
		String mine = "subscription($id: ID!) { roomEvents(roomId: $id) { ... on MessagePosted { message { reactions { mine } } } } }";
		String plain = "subscription($id: ID!) { roomEvents(roomId: $id) { ... on MessagePosted { cursor } } }";
		assertThat(cached(selections, mine, mine)).isTrue();
		// The same text: the answer is not worked out again (here, from another
		// document).
		assertThat(cached(selections, mine, plain)).isTrue();
		assertThat(cached(selections, plain, plain)).isFalse();
	}

	private static boolean cached(ViewerDependentSelections selections, String query, String parsed) {
		Document document = Parser.parse(parsed);
		NodeUtil.GetOperationResult operation = NodeUtil.getOperation(document, null);
		return selections.reachViewerDependentField(query, null, SCHEMA, operation.operationDefinition,
				operation.fragmentsByName);
	}

	private static boolean reaches(String query) {
		return reaches(query, null);
	}

	private static boolean reaches(String query, @Nullable String operationName) {
		Document document = Parser.parse(query);
		List<ValidationError> errors = new Validator().validateDocument(SCHEMA, document, Locale.ROOT);
		assertThat(errors).as("a valid document").isEmpty();
		NodeUtil.GetOperationResult operation = NodeUtil.getOperation(document, operationName);
		return ViewerDependentSelections.reachViewerDependentField(SCHEMA, operation.operationDefinition,
				operation.fragmentsByName);
	}

	private static GraphQLSchema schema(String... files) {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		for (String file : files) {
			try (InputStream in = ViewerDependentSelectionsTests.class.getResourceAsStream("/graphql/" + file)) {
				assertThat(in).as(file).isNotNull();
				registry.merge(new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
	}

}
