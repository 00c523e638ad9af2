/**
 * Who is online in a room: local connections counted per user and room, changes published
 * to the room's subscribers and, through a listener, to the cluster.
 */
@NullMarked
package io.chatx.live.presence;

import org.jspecify.annotations.NullMarked;
