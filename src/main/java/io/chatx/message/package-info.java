/**
 * Messages: posting them to a room and reading a room's history.
 */
@NullMarked
package io.chatx.message;

import org.jspecify.annotations.NullMarked;
