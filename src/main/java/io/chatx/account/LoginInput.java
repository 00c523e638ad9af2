package io.chatx.account;

/**
 * Input of {@code login}: a username or an email, and the password.
 */
record LoginInput(String login, String password) {

}
