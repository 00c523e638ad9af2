/**
 * The roomEvents fan-out engine: how one shared event travels to many sockets.
 * <ol>
 * <li>The hub ({@code io.chatx.live}) hands the same event object to every subscriber of
 * a room.</li>
 * <li>{@link io.chatx.fanout.SharedEventExecutionStrategy} runs graphql-java's execution
 * of that event once per selection (the first subscriber that needs it does; the others
 * reuse its result), and keeps each subscriber's events in stream order. A selection that
 * can reach a field marked {@code @viewerDependent} in the schema
 * ({@link io.chatx.fanout.ViewerDependentSelections}) is executed once per selection and
 * viewer: only the viewer's own subscriptions share it.</li>
 * <li>The result is a {@link io.chatx.fanout.SharedResult}: its JSON is written
 * once.</li>
 * <li>{@link io.chatx.fanout.SharedFrameEncoder} puts each subscriber's
 * graphql-transport-ws {@code next} frame together from its operation id and those shared
 * bytes, on the heap.</li>
 * <li>Spring GraphQL's WebSocket handler ({@code io.chatx.websocket}) writes the frame to
 * the socket.</li>
 * </ol>
 * Only the subscription fields named in {@code SharedEventConfiguration.SHARED_FIELDS}
 * are shared. Under them, a field is viewer-independent unless its definition carries
 * {@code @viewerDependent}: marking is the rule for every field whose value depends on
 * who asks (a controller method taking the principal, or a value the source object
 * computed for its viewer); {@code ViewerDependentMarksIntegrationTests} checks the first
 * kind.
 */
@NullMarked
package io.chatx.fanout;

import org.jspecify.annotations.NullMarked;
