/**
 * The audit log of security-relevant events, such as sign-ins and wrong passwords.
 */
@NullMarked
package io.chatx.audit;

import org.jspecify.annotations.NullMarked;
