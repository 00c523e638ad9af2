/**
 * Several ChatX instances working together over NATS: live events, presence and checks
 * for lost messages.
 */
@NullMarked
package io.chatx.cluster;

import org.jspecify.annotations.NullMarked;
