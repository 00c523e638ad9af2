/**
 * Several ChatX instances working together over NATS: live events, presence and checks
 * for lost changes.
 */
@NullMarked
package io.chatx.cluster;

import org.jspecify.annotations.NullMarked;
