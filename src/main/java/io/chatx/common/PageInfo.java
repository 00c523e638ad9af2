package io.chatx.common;

import org.jspecify.annotations.Nullable;

/**
 * Relay's {@code PageInfo}: whether more items exist on either side of a page, and the
 * cursors of its first and last item ({@code null} for an empty page).
 */
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, @Nullable String startCursor,
		@Nullable String endCursor) {

}
