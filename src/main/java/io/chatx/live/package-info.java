/**
 * The live hub: per room, a channel of change events (posts, edits, deletions, reactions)
 * in change-number order that subscribers join after catching up from the database's
 * change log, the room list stream, and the GraphQL subscriptions that read them.
 * Presence is in {@code io.chatx.live.presence}; the transport in
 * {@code io.chatx.websocket}; the fan-out of one event to many sockets in
 * {@code io.chatx.fanout}.
 */
@NullMarked
package io.chatx.live;

import org.jspecify.annotations.NullMarked;
