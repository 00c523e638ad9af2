/**
 * Chat rooms: creating, finding, listing and deleting them, and joining and leaving them.
 */
@NullMarked
package io.chatx.room;

import org.jspecify.annotations.NullMarked;
