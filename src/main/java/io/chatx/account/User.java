package io.chatx.account;

import java.util.UUID;

/**
 * A ChatX user as clients see it.
 */
public record User(UUID id, String username) {

}
