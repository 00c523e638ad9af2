package io.chatx.database;

import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL ChatX talks to, embedded or external.
 */
record DatabaseEndpoint(PostgresAddress address, @Nullable String user, @Nullable String password) {

}
