package io.chatx.audit;

/**
 * Kinds of audited events.
 */
public enum AuditKind {

	REGISTER, LOGIN_OK, LOGIN_FAILED, LOGIN_RATE_LIMITED, REFRESH_TOKEN_REUSE, LOGOUT, ROOM_PASSWORD_WRONG

}
