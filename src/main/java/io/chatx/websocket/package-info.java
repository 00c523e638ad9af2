/**
 * The WebSocket transport of graphql-transport-ws: the handshake, frame and connection
 * limits, sign-in at {@code connection_init}, open sessions and their orderly close at
 * shutdown.
 */
@NullMarked
package io.chatx.websocket;

import org.jspecify.annotations.NullMarked;
