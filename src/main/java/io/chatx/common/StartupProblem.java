package io.chatx.common;

/**
 * A configuration or environment problem that stops ChatX from starting, with the fix to
 * tell the operator. Reported as one clear message, never as a stack trace.
 */
public class StartupProblem extends RuntimeException {

	private final String fix;

	public StartupProblem(String problem, String fix) {
		super(problem);
		this.fix = fix;
	}

	public StartupProblem(String problem, String fix, Throwable cause) {
		super(problem, cause);
		this.fix = fix;
	}

	public String getFix() {
		return this.fix;
	}

}
