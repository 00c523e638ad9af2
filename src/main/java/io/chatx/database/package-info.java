/**
 * The PostgreSQL database ChatX uses: embedded (see {@code io.chatx.database.embedded})
 * unless {@code chatx.db.url} names an external one. Its connection details go to Boot,
 * which builds the R2DBC pool for all run-time access and runs the Liquibase migrations
 * at start-up.
 */
@NullMarked
package io.chatx.database;

import org.jspecify.annotations.NullMarked;
