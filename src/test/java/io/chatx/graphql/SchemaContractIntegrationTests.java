package io.chatx.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.chatx.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served schema contains the whole public contract: graphql-java's schema diff finds
 * no breaking change from the copy of the contract kept in the test resources; of part 2
 * (also kept there), the sections implemented so far.
 */
@IntegrationTest
class SchemaContractIntegrationTests {

	// The types and fields of the sections issue 16 implements; no names: every field.
	private static final Map<String, List<String>> LIFECYCLE = Map.of("Mutation",
			List.of("editMessage", "deleteMessage", "addReaction", "removeReaction"), "Message",
			List.of("editedAt", "deleted", "replyTo", "reactions", "attachments"), "SendMessageInput",
			List.of("replyToId", "attachmentIds"), "EditMessageInput", List.of(), "Reaction", List.of(), "Attachment",
			List.of(), "MessageEdited", List.of(), "MessageDeleted", List.of(), "ReactionChanged", List.of());

	private static final Map<String, List<String>> CONVERSATIONS = Map.of("Query", List.of("user", "users", "myRooms"),
			"Mutation", List.of("openDirectRoom", "markRead"), "Subscription", List.of("myEvents"), "Room",
			List.of("kind", "directPeer", "lastReadSeq", "unreadCount", "peerLastReadSeq", "lastMessage"),
			"UserConnection", List.of(), "UserEdge", List.of(), "ReadMarkerChanged", List.of(), "RoomActivity",
			List.of(), "ReadStateChanged", List.of(), "MembershipChanged", List.of());

	private static final Map<String, List<String>> CONNECTION_LIFE = Map.of("Mutation",
			List.of("setTyping", "authenticateConnection", "logoutAll"), "TypingChanged", List.of());

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void servedSchemaHasNoBreakingChangeAgainstTheContract() throws IOException {
		String served = new SchemaPrinter().print(this.graphQlSource.schema());
		assertThat(breakages(contract(), served)).isEmpty();
	}

	@Test
	void diffReportsARemovedOrRenamedField() throws IOException {
		String contract = contract();
		String broken = contract.replace("memberCount: Int!", "membersCount: Int!");
		assertThat(broken).isNotEqualTo(contract);
		assertThat(breakages(contract, broken)).isNotEmpty();
	}

	@Test
	void diffReportsAChangedArgumentType() throws IOException {
		String contract = contract();
		String broken = contract.replace("room(id: ID!): Room", "room(id: Int!): Room");
		assertThat(breakages(contract, broken)).isNotEmpty();
	}

	/**
	 * Issue 16 implements only some sections of part 2 (which extends types of part 1):
	 * every field (with its arguments), input field and union member of those is served
	 * with the contract's type.
	 */
	@Test
	void servedSchemaHasTheMessageLifecycleOfPartTwo() throws IOException {
		List<String> wanted = assertServed(LIFECYCLE);
		// 4 mutations, 5 + 2 added fields, 2 + 4 + 8 + 2 + 2 + 5 in new types.
		assertThat(wanted).hasSize(34);
		assertUnionServes("RoomEvent", "MessageEdited", "MessageDeleted", "ReactionChanged");
	}

	/**
	 * Issue 17: "Direct rooms", "Read state" and myEvents with the fields and types the
	 * issue names.
	 */
	@Test
	void servedSchemaHasTheConversationsOfPartTwo() throws IOException {
		List<String> wanted = assertServed(CONVERSATIONS);
		// 3 queries, 2 mutations, 1 subscription, 6 Room fields, 2 + 2 + 4 + 2 + 1 + 3 in
		// new types.
		assertThat(wanted).hasSize(26);
		assertUnionServes("RoomEvent", "ReadMarkerChanged");
		assertUnionServes("MyEvent", "RoomActivity", "ReadStateChanged", "MembershipChanged");
		GraphQLSchema served = this.graphQlSource.schema();
		TypeDefinitionRegistry contract = partTwo();
		for (String enumName : List.of("RoomKind", "MembershipReason")) {
			EnumTypeDefinition wantedEnum = (EnumTypeDefinition) contract.getType(enumName).orElseThrow();
			assertThat(((GraphQLEnumType) served.getType(enumName)).getValues())
				.extracting(GraphQLEnumValueDefinition::getName)
				.containsExactlyElementsOf(
						wantedEnum.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).toList());
		}
	}

	/** Issue 18: "Typing" and "The connection's life (WebSocket)". */
	@Test
	void servedSchemaHasTypingAndTheConnectionLifeOfPartTwo() throws IOException {
		List<String> wanted = assertServed(CONNECTION_LIFE);
		// 3 mutations, 4 fields of TypingChanged.
		assertThat(wanted).hasSize(7);
		assertUnionServes("RoomEvent", "TypingChanged");
	}

	// Every wanted field of the contract (all of a type's when its list is empty) is
	// served with the contract's signature; answers the wanted signatures.
	private List<String> assertServed(Map<String, List<String>> types) throws IOException {
		TypeDefinitionRegistry contract = partTwo();
		GraphQLSchema served = this.graphQlSource.schema();
		List<String> wanted = new ArrayList<>();
		List<String> found = new ArrayList<>();
		types.forEach((typeName, fieldNames) -> {
			contractFields(contract, typeName).stream()
				.filter((field) -> fieldNames.isEmpty() || fieldNames.contains(field.name()))
				.forEach((field) -> wanted.add(field.signature()));
			found.addAll(servedFields(served, typeName));
		});
		assertThat(found).containsAll(wanted);
		return wanted;
	}

	private void assertUnionServes(String union, String... members) throws IOException {
		TypeDefinitionRegistry contract = partTwo();
		List<String> inContract = new ArrayList<>();
		contract.getType(union)
			.ifPresent((type) -> ((UnionTypeDefinition) type).getMemberTypes()
				.forEach((member) -> inContract.add(((TypeName) member).getName())));
		contract.unionTypeExtensions()
			.getOrDefault(union, List.of())
			.forEach((extension) -> extension.getMemberTypes()
				.forEach((member) -> inContract.add(((TypeName) member).getName())));
		List<String> servedMembers = ((GraphQLUnionType) this.graphQlSource.schema().getType(union)).getTypes()
			.stream()
			.map(GraphQLNamedType::getName)
			.toList();
		assertThat(inContract).contains(members);
		assertThat(servedMembers).contains(members);
	}

	private TypeDefinitionRegistry partTwo() throws IOException {
		return new SchemaParser().parse(contract() + "\n" + resource("api-contract-2.graphql"));
	}

	@Test
	void theLifecycleCheckSeesAChangedFieldType() throws IOException {
		TypeDefinitionRegistry contract = new SchemaParser().parse(
				contract() + "\n" + resource("api-contract-2.graphql").replace("  count: Int!\n", "  count: Long!\n"));
		assertThat(contractFields(contract, "Reaction")).extracting(Field::signature).contains("Reaction.count: Long!");
		assertThat(servedFields(this.graphQlSource.schema(), "Reaction")).contains("Reaction.count: Int!")
			.doesNotContain("Reaction.count: Long!");
	}

	private record Field(String name, String signature) {
	}

	// A type's fields (or input fields) in the contract, its extensions included, as
	// "Type.field(argument: Type, ...): Type".
	private static List<Field> contractFields(TypeDefinitionRegistry contract, String typeName) {
		List<Field> fields = new ArrayList<>();
		List<TypeDefinition> definitions = new ArrayList<>();
		contract.getType(typeName).ifPresent(definitions::add);
		definitions.addAll(contract.objectTypeExtensions().getOrDefault(typeName, List.of()));
		definitions.addAll(contract.inputObjectTypeExtensions().getOrDefault(typeName, List.of()));
		for (TypeDefinition definition : definitions) {
			if (definition instanceof ObjectTypeDefinition object) {
				object.getFieldDefinitions()
					.forEach((field) -> fields.add(new Field(field.getName(),
							signature(typeName, field.getName(), field.getInputValueDefinitions()
								.stream()
								.map((argument) -> argument.getName() + ": " + AstPrinter.printAst(argument.getType()))
								.toList(), AstPrinter.printAst(field.getType())))));
			}
			else if (definition instanceof InputObjectTypeDefinition input) {
				input.getInputValueDefinitions()
					.forEach((field) -> fields.add(new Field(field.getName(),
							signature(typeName, field.getName(), null, AstPrinter.printAst(field.getType())))));
			}
		}
		return fields;
	}

	private static List<String> servedFields(GraphQLSchema served, String typeName) {
		GraphQLType type = served.getType(typeName);
		if (type instanceof GraphQLObjectType object) {
			return object.getFieldDefinitions()
				.stream()
				.map((field) -> signature(typeName, field.getName(), field.getArguments()
					.stream()
					.map((argument) -> argument.getName() + ": " + GraphQLTypeUtil.simplePrint(argument.getType()))
					.toList(), GraphQLTypeUtil.simplePrint(field.getType())))
				.toList();
		}
		if (type instanceof GraphQLInputObjectType input) {
			return input.getFieldDefinitions()
				.stream()
				.map((field) -> signature(typeName, field.getName(), null,
						GraphQLTypeUtil.simplePrint(field.getType())))
				.toList();
		}
		return List.of();
	}

	private static String signature(String typeName, String name, @Nullable List<String> arguments, String type) {
		String args = (arguments == null || arguments.isEmpty()) ? ""
				: "(" + String.join(", ", arguments.stream().sorted().toList()) + ")";
		return typeName + "." + name + args + ": " + type;
	}

	private static List<DiffEvent> breakages(String oldSdl, String newSdl) {
		CapturingReporter reporter = new CapturingReporter();
		new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(oldSdl, newSdl), reporter);
		return reporter.getBreakages();
	}

	private static String contract() throws IOException {
		return resource("api-contract.graphql");
	}

	private static String resource(String name) throws IOException {
		return new ClassPathResource(name).getContentAsString(StandardCharsets.UTF_8);
	}

}
