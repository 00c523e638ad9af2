package io.chatx.common;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a Relay connection ({@code RoomConnection}, {@code MessageConnection}).
 *
 * @param <T> the type of the nodes
 * @param edges the items of the page with their cursors, in the order clients see them
 * @param pageInfo where the page sits
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

	/** Page size when {@code first} is not given. */
	public static final int DEFAULT_PAGE_SIZE = 20;

	/** The largest page of a list (rooms, users, myRooms). */
	public static final int MAX_PAGE_SIZE = 100;

	/**
	 * The size of a page asked for with {@code first} (null: the default).
	 * @throws ChatxException {@code BAD_USER_INPUT} outside 0 to {@link #MAX_PAGE_SIZE}
	 */
	public static int pageSize(@Nullable Integer first) {
		int size = (first != null) ? first : DEFAULT_PAGE_SIZE;
		if (size < 0 || size > MAX_PAGE_SIZE) {
			throw ChatxException.badInput("first must be between 0 and " + MAX_PAGE_SIZE + ".");
		}
		return size;
	}

	/**
	 * A page of {@code size} nodes from {@code fetched}, which was read with one node
	 * more than the page to tell whether a next page exists.
	 */
	public static <T> Connection<T> ofOneMore(List<T> fetched, int size, Function<T, String> cursorOf,
			boolean hasPreviousPage) {
		return of(fetched.subList(0, Math.min(size, fetched.size())), cursorOf, hasPreviousPage, fetched.size() > size);
	}

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
