/**
 * {@code myEvents}: one live stream per user that keeps a room list current (activity,
 * read state and membership across all the user's rooms and devices).
 */
@NullMarked
package io.chatx.myevents;

import org.jspecify.annotations.NullMarked;
