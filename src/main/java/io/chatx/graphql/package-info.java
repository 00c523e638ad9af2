/**
 * GraphQL support shared by all features: error codes, cursors and pages, request limits,
 * and subscription events executed once for many subscribers.
 */
@NullMarked
package io.chatx.graphql;

import org.jspecify.annotations.NullMarked;
