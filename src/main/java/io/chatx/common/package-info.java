/**
 * Types every feature uses: the error type and its codes, public ids, opaque cursors and
 * pages of a connection, SHA-256, and start-up problems reported to the operator.
 */
@NullMarked
package io.chatx.common;

import org.jspecify.annotations.NullMarked;
