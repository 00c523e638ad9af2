/**
 * The PostgreSQL database: an embedded server unless an external one is configured, the
 * R2DBC pool and the Liquibase migrations.
 */
@NullMarked
package io.chatx.database;

import org.jspecify.annotations.NullMarked;
