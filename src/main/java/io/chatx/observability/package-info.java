/**
 * Metrics and logs that Spring and Reactor would otherwise get wrong for a live server:
 * no per-event observations of long-lived subscriptions, and errors dropped by Reactor
 * after a client left logged once, not as stack traces.
 */
@NullMarked
package io.chatx.observability;

import org.jspecify.annotations.NullMarked;
