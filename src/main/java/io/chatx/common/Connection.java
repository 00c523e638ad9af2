package io.chatx.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a Relay connection ({@code RoomConnection}, {@code MessageConnection}).
 *
 * @param <T> the type of the nodes
 * @param edges the items of the page with their cursors, in the order clients see them
 * @param pageInfo where the page sits
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

	/**
	 * A page of {@code nodes}, each with the cursor that {@code cursorOf} gives it.
	 */
	public static <T> Connection<T> of(List<T> nodes, Function<T, String> cursorOf, boolean hasPreviousPage,
			boolean hasNextPage) {
		List<Edge<T>> edges = nodes.stream().map((node) -> new Edge<>(node, cursorOf.apply(node))).toList();
		String start = edges.isEmpty() ? null : edges.get(0).cursor();
		String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
		return new Connection<>(edges, new PageInfo(hasNextPage, hasPreviousPage, start, end));
	}

	/**
	 * An item of a page and its cursor.
	 *
	 * @param <T> the type of the node
	 * @param node the item
	 * @param cursor where to continue from this item
	 */
	public record Edge<T>(T node, String cursor) {

	}

}
