/**
 * The embedded PostgreSQL, used when no external database is configured: started from
 * zonky's binaries, locked with SCRAM passwords, run unprivileged when ChatX runs as
 * root, and watched so that ChatX exits when it dies. Not on the path of an external
 * database.
 */
@NullMarked
package io.chatx.database.embedded;

import org.jspecify.annotations.NullMarked;
