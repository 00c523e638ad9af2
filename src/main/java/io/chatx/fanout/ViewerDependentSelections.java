package io.chatx.fanout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * Whether a subscription's selection can reach a field whose definition carries
 * {@code @viewerDependent}: through fragments, inline fragments and aliases alike. A
 * field under {@code @include} or {@code @skip} counts whatever their condition, so the
 * answer holds for any variables and is worked out once per document and operation.
 * Whatever cannot be resolved against the schema counts as reaching one: the safe answer.
 */
final class ViewerDependentSelections {

	static final String DIRECTIVE = "viewerDependent";

	private final Cache<Operation, Boolean> answers = Caffeine.newBuilder().maximumSize(1_000).build();

	/** The answer for the operation of a subscription's execution, cached by its text. */
	boolean reachViewerDependentField(String query, @Nullable String operationName, GraphQLSchema schema,
			OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
		return this.answers.get(new Operation(query, operationName),
				(key) -> reachViewerDependentField(schema, operation, fragments));
	}

	/** The answer for a subscription operation, worked out. */
	static boolean reachViewerDependentField(GraphQLSchema schema, OperationDefinition operation,
			Map<String, FragmentDefinition> fragments) {
		GraphQLCompositeType root = schema.getSubscriptionType();
		return root == null || new Walk(schema, fragments).reaches(root, operation.getSelectionSet());
	}

	/** One walk over a selection, with the fragments it is spreading (against cycles). */
	private record Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Set<String> spreading) {

		Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments) {
			this(schema, fragments, new HashSet<>());
		}

		boolean reaches(GraphQLCompositeType parent, @Nullable SelectionSet selectionSet) {
			if (selectionSet == null) {
				return false;
			}
			for (Selection<?> selection : selectionSet.getSelections()) {
				if (reaches(parent, selection)) {
					return true;
				}
			}
			return false;
		}

		private boolean reaches(GraphQLCompositeType parent, Selection<?> selection) {
			if (selection instanceof Field field) {
				return reaches(parent, field);
			}
			if (selection instanceof InlineFragment fragment) {
				GraphQLCompositeType type = (fragment.getTypeCondition() != null)
						? composite(fragment.getTypeCondition().getName()) : parent;
				return type == null || reaches(type, fragment.getSelectionSet());
			}
			if (selection instanceof FragmentSpread spread) {
				FragmentDefinition fragment = this.fragments.get(spread.getName());
				if (fragment == null) {
					return true;
				}
				if (!this.spreading.add(spread.getName())) {
					return false;
				}
				GraphQLCompositeType type = composite(fragment.getTypeCondition().getName());
				boolean reaches = type == null || reaches(type, fragment.getSelectionSet());
				this.spreading.remove(spread.getName());
				return reaches;
			}
			return true;
		}

		private boolean reaches(GraphQLCompositeType parent, Field field) {
			if (field.getName().startsWith("__")) {
				// Introspection (__typename): never the viewer's.
				return false;
			}
			List<GraphQLFieldDefinition> definitions = definitions(parent, field.getName());
			if (definitions.isEmpty()) {
				return true;
			}
			for (GraphQLFieldDefinition definition : definitions) {
				if (definition.hasAppliedDirective(DIRECTIVE)) {
					return true;
				}
			}
			if (field.getSelectionSet() == null) {
				return false;
			}
			for (GraphQLFieldDefinition definition : definitions) {
				GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
				if (!(type instanceof GraphQLCompositeType composite) || reaches(composite, field.getSelectionSet())) {
					return true;
				}
			}
			return false;
		}

		// An interface's field as declared there and in every type that implements it:
		// the object type's own definition is the one that answers.
		private List<GraphQLFieldDefinition> definitions(GraphQLCompositeType parent, String name) {
			List<GraphQLFieldDefinition> definitions = new ArrayList<>();
			if (parent instanceof GraphQLFieldsContainer container && container.getFieldDefinition(name) != null) {
				definitions.add(container.getFieldDefinition(name));
			}
			if (parent instanceof GraphQLInterfaceType type) {
				this.schema.getImplementations(type)
					.stream()
					.map((implementation) -> implementation.getFieldDefinition(name))
					.filter((definition) -> definition != null)
					.forEach(definitions::add);
			}
			return definitions;
		}

		private @Nullable GraphQLCompositeType composite(String name) {
			return (this.schema.getType(name) instanceof GraphQLCompositeType type) ? type : null;
		}

	}

	private record Operation(String query, @Nullable String name) {
	}

}
