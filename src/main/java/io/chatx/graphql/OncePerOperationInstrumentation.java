package io.chatx.graphql;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import org.jspecify.annotations.Nullable;

/**
 * Runs an operation check (depth, complexity) once per parsed operation instead of once
 * per request. The document cache hands out the same {@link OperationDefinition} for the
 * same query text, and an operation without {@code @skip} or {@code @include} and without
 * a variable page size ({@code first: $n}) has the same depth and complexity whatever its
 * variables, so once it has passed it passes again. Operations with those, and operations
 * that failed, are checked every time. Walking the operation was a tenth of a send's CPU
 * time.
 */
final class OncePerOperationInstrumentation implements Instrumentation {

	private final Instrumentation check;

	// Weak keys: an operation evicted from the document cache is forgotten here too.
	private final Cache<OperationDefinition, Boolean> passed = Caffeine.newBuilder().weakKeys().build();

	OncePerOperationInstrumentation(Instrumentation check) {
		this.check = check;
	}

	@Override
	public @Nullable CompletableFuture<InstrumentationState> createStateAsync(
			InstrumentationCreateStateParameters parameters) {
		return this.check.createStateAsync(parameters);
	}

	@Override
	public @Nullable InstrumentationContext<List<ValidationError>> beginValidation(
			InstrumentationValidationParameters parameters, InstrumentationState state) {
		return this.check.beginValidation(parameters, state);
	}

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
		if (this.passed.getIfPresent(operation) != null) {
			return SimpleInstrumentationContext.noOp();
		}
		// Throws AbortExecutionException when the operation is over a limit.
		InstrumentationContext<ExecutionResult> context = this.check.beginExecuteOperation(parameters, state);
		Document document = parameters.getExecutionContext().getDocument();
		if (!hasConditionalFields(document) && !hasVariablePageSizes(document)) {
			this.passed.put(operation, Boolean.TRUE);
		}
		return context;
	}

	/**
	 * Whether a page size ({@code first}, {@code last}) is a variable: the complexity
	 * then depends on the variables ({@link ListSizeComplexity}).
	 */
	static boolean hasVariablePageSizes(Document document) {
		boolean[] found = { false };
		new NodeTraverser().depthFirst(new NodeVisitorStub() {
			@Override
			public TraversalControl visitArgument(Argument node, TraverserContext<graphql.language.Node> context) {
				if ((node.getName().equals("first") || node.getName().equals("last"))
						&& node.getValue() instanceof VariableReference) {
					found[0] = true;
					return TraversalControl.QUIT;
				}
				return TraversalControl.CONTINUE;
			}
		}, document);
		return found[0];
	}

	/**
	 * Whether any selection in the document (fragments too) is under @skip or @include.
	 */
	static boolean hasConditionalFields(Document document) {
		boolean[] found = { false };
		new NodeTraverser().depthFirst(new NodeVisitorStub() {
			@Override
			public TraversalControl visitDirective(Directive node, TraverserContext<graphql.language.Node> context) {
				if (node.getName().equals("skip") || node.getName().equals("include")) {
					found[0] = true;
					return TraversalControl.QUIT;
				}
				return TraversalControl.CONTINUE;
			}
		}, document);
		return found[0];
	}

}
