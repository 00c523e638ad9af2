/**
 * Operator-facing helpers: log values made safe, logs throttled per kind, and start-up
 * problems explained instead of stack traces.
 */
@NullMarked
package io.chatx.system;

import org.jspecify.annotations.NullMarked;
