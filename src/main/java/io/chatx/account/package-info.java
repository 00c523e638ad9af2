/**
 * User accounts: registration, sign-in, access and refresh tokens, and password hashing.
 */
@NullMarked
package io.chatx.account;

import org.jspecify.annotations.NullMarked;
