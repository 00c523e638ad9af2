package io.chatx.database;

/**
 * The PostgreSQL ChatX talks to, embedded or external.
 */
record DatabaseEndpoint(PostgresAddress address, String user, String password) {

}
