package io.chatx.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Complexity that counts what a field can return: every field costs 1, and a paged field
 * ({@code first} or {@code last}) costs its page size times its selection, so that 240
 * aliased {@code messages(last: 100)} cost 240 pages, not 240 fields. A connection asked
 * for without a size counts as its largest page. graphql-java's default counts each field
 * once whatever its size.
 */
final class ListSizeComplexity implements FieldComplexityCalculator {

	/** The largest page any connection field serves (schema: @Range max 100). */
	static final int MAX_PAGE_SIZE = 100;

	@Override
	public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
		return saturated(1L + (long) itemsOf(environment) * childComplexity);
	}

	private static int itemsOf(FieldComplexityEnvironment environment) {
		Integer first = size(environment.getArguments().get("first"));
		Integer last = size(environment.getArguments().get("last"));
		if (first != null || last != null) {
			return Math.max((first != null) ? first : 0, (last != null) ? last : 0);
		}
		GraphQLType type = GraphQLTypeUtil.unwrapAll(environment.getFieldDefinition().getType());
		return (type instanceof graphql.schema.GraphQLNamedType named && named.getName().endsWith("Connection"))
				? MAX_PAGE_SIZE : 1;
	}

	private static Integer size(Object value) {
		// Out-of-range sizes are refused by the schema's @Range; count them as asked.
		return (value instanceof Number number) ? Math.max(0, number.intValue()) : null;
	}

	private static int saturated(long value) {
		return (int) Math.min(Integer.MAX_VALUE, value);
	}

}
