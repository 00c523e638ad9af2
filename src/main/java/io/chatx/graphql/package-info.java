/**
 * GraphQL over HTTP and its guards: error codes in responses, request size, depth and
 * complexity limits, input checks, scalars, the document cache and GraphiQL.
 */
@NullMarked
package io.chatx.graphql;

import org.jspecify.annotations.NullMarked;
