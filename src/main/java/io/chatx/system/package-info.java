/**
 * Small helpers used across ChatX: SHA-256, and startup problems reported to the
 * operator.
 */
@NullMarked
package io.chatx.system;

import org.jspecify.annotations.NullMarked;
