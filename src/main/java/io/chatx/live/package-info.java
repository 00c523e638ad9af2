/**
 * Live traffic: room and room list subscriptions, who is online, and the WebSocket
 * endpoint they use.
 */
@NullMarked
package io.chatx.live;

import org.jspecify.annotations.NullMarked;
