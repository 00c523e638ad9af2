package io.chatx.system;

import org.junit.jupiter.api.Test;

import io.chatx.ChatxApplication;
import io.chatx.common.StartupProblem;
import io.chatx.support.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Configuration mistakes stop ChatX with one clear message and the fix.
 */
class StartupProblemIntegrationTests {

	@Test
	void refusesAJwtSecretShorterThan32Bytes() {
		FailureAnalysis analysis = failedStart("chatx.jwt.secret=too-short");
		assertThat(analysis.getDescription()).contains("CHATX_JWT_SECRET").contains("at least 32 bytes");
		assertThat(analysis.getAction()).contains("CHATX_JWT_SECRET");
	}

	@Test
	void refusesAnExternalDatabaseWithoutJwtSecret() {
		FailureAnalysis analysis = failedStart("chatx.jwt.secret=");
		assertThat(analysis.getDescription()).contains("CHATX_JWT_SECRET is not set");
	}

	@Test
	void refusesADatabaseUrlThatIsNotPostgres() {
		FailureAnalysis analysis = failedStart("chatx.db.url=mysql://localhost/chat",
				"chatx.jwt.secret=" + "k".repeat(40));
		assertThat(analysis.getDescription()).contains("is not a PostgreSQL address");
	}

	private static FailureAnalysis failedStart(String... properties) {
		java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(java.util.Map.of("server.port", "0",
				"chatx.db.url", TestDatabase.url(), "chatx.db.user", TestDatabase.user(), "chatx.db.password",
				TestDatabase.password(), "spring.main.banner-mode", "off"));
		for (String property : properties) {
			String[] pair = property.split("=", 2);
			settings.put(pair[0], pair[1]);
		}
		String[] args = settings.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ChatxApplication.class).run(args));
		StartupProblem problem = findProblem(failure);
		assertThat(problem).as("StartupProblem in " + failure).isNotNull();
		return new StartupProblemFailureAnalyzer().analyze(failure);
	}

	private static StartupProblem findProblem(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof StartupProblem problem) {
				return problem;
			}
		}
		return null;
	}

}
