/**
 * ChatX, a real-time GraphQL chat server: the application's entry point.
 */
@NullMarked
package io.chatx;

import org.jspecify.annotations.NullMarked;
