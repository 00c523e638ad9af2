/**
 * Rate limits on abuse-prone operations, kept as in-memory token buckets.
 */
@NullMarked
package io.chatx.ratelimit;

import org.jspecify.annotations.NullMarked;
