/**
 * Sign-in checks: access tokens verified over HTTP and at WebSocket connection_init, and
 * the signed-in viewer.
 */
@NullMarked
package io.chatx.security;

import org.jspecify.annotations.NullMarked;
