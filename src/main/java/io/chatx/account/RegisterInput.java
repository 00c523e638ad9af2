package io.chatx.account;

/**
 * Input of {@code register}; format rules are schema directives.
 */
record RegisterInput(String username, String email, String password) {

}
