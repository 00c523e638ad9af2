package io.chatx.common;

/**
 * A failure the client caused or can act on; its message is shown to people and its code
 * tells clients what happened.
 */
public class ChatxException extends RuntimeException {

	private final ErrorCode code;

	public ChatxException(ErrorCode code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	public ErrorCode getCode() {
		return this.code;
	}

	public static ChatxException unauthenticated() {
		return new ChatxException(ErrorCode.UNAUTHENTICATED,
				"Sign in first: this operation needs a valid access token.");
	}

	public static ChatxException badInput(String message) {
		return new ChatxException(ErrorCode.BAD_USER_INPUT, message);
	}

	public static ChatxException notFound(String message) {
		return new ChatxException(ErrorCode.NOT_FOUND, message);
	}

	public static ChatxException forbidden(String message) {
		return new ChatxException(ErrorCode.FORBIDDEN, message);
	}

	public static ChatxException rateLimited() {
		return new ChatxException(ErrorCode.RATE_LIMITED, "Too many attempts; wait a moment and try again.");
	}

}
