package io.chatx.common;

import graphql.ErrorClassification;

import org.springframework.graphql.execution.ErrorType;

/**
 * The error codes of the public contract, sent as {@code extensions.code}.
 */
public enum ErrorCode {

	UNAUTHENTICATED(ErrorType.UNAUTHORIZED), FORBIDDEN(ErrorType.FORBIDDEN), NOT_FOUND(ErrorType.NOT_FOUND),
	BAD_USER_INPUT(ErrorType.BAD_REQUEST), CONFLICT(ErrorType.BAD_REQUEST), INVALID_CREDENTIALS(ErrorType.UNAUTHORIZED),
	WRONG_ROOM_PASSWORD(ErrorType.FORBIDDEN), ROOM_FULL(ErrorType.FORBIDDEN), RATE_LIMITED(ErrorType.BAD_REQUEST),
	INTERNAL(ErrorType.INTERNAL_ERROR);

	private final ErrorClassification classification;

	ErrorCode(ErrorClassification classification) {
		this.classification = classification;
	}

	/** Spring's classification, sent beside the code. */
	public ErrorClassification classification() {
		return this.classification;
	}

}
