package io.chatx.graphql;

import java.util.Map;

import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.ExecutionResult;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import org.jspecify.annotations.Nullable;

/**
 * Refuses an operation with more top-level fields (aliases included) than allowed: each
 * is a lookup of its own ({@code me}, {@code room}), so 499 aliased {@code me} ran 499
 * lookups for one small request, although each is cheap by complexity.
 */
final class MaxRootFieldsInstrumentation extends SimplePerformantInstrumentation {

	private final int maxRootFields;

	MaxRootFieldsInstrumentation(int maxRootFields) {
		this.maxRootFields = maxRootFields;
	}

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		var context = parameters.getExecutionContext();
		int count = count(context.getOperationDefinition().getSelectionSet(), context.getFragmentsByName(), 0);
		if (count > this.maxRootFields) {
			throw new AbortExecutionException("The operation has " + count + " top-level fields; at most "
					+ this.maxRootFields + " are allowed.");
		}
		return SimpleInstrumentationContext.noOp();
	}

	/** Top-level fields, through fragments (which validation has checked for cycles). */
	private static int count(SelectionSet selections, Map<String, FragmentDefinition> fragments, int depth) {
		int count = 0;
		for (Selection<?> selection : selections.getSelections()) {
			if (selection instanceof Field) {
				count++;
			}
			else if (selection instanceof InlineFragment inline) {
				count += count(inline.getSelectionSet(), fragments, depth + 1);
			}
			else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
					&& depth < 50) {
				count += count(fragments.get(spread.getName()).getSelectionSet(), fragments, depth + 1);
			}
		}
		return count;
	}

}
