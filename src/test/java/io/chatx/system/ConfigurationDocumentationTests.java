package io.chatx.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table lists exactly the {@code CHATX_*} variables ChatX
 * reads: those named in {@code application.yaml} and in the code's placeholders.
 */
class ConfigurationDocumentationTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(CHATX_[A-Z0-9_]+)");

	private static final Pattern VARIABLE = Pattern.compile("CHATX_[A-Z0-9_]+");

	@Test
	void readmeTableListsEveryVariable() throws IOException {
		Set<String> read = variablesRead();
		assertThat(read).as("variables in application.yaml").contains("CHATX_DB_URL", "CHATX_JWT_ACCESS_TOKEN_TTL");
		assertThat(documented()).as("CHATX_* variables in the README's configuration table")
			.containsAll(read)
			.allSatisfy((variable) -> assertThat(read).as("variables ChatX reads").contains(variable));
	}

	/** Every {@code ${CHATX_...}} placeholder in the main resources and code. */
	private static Set<String> variablesRead() throws IOException {
		Set<String> variables = new TreeSet<>();
		for (Path root : new Path[] { Path.of("src/main/resources"), Path.of("src/main/java") }) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
					while (matcher.find()) {
						variables.add(matcher.group(1));
					}
				}
			}
		}
		return variables;
	}

	/** The variables in the first column of the table under "## Configuration". */
	private static Set<String> documented() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf("\n## Configuration\n");
		assertThat(start).as("README has a Configuration section").isPositive();
		int end = readme.indexOf("\n## ", start + 1);
		String section = readme.substring(start, (end < 0) ? readme.length() : end);
		Set<String> variables = new TreeSet<>();
		section.lines().filter((line) -> line.startsWith("| `")).forEach((row) -> {
			Matcher matcher = VARIABLE.matcher(row.split("\\|")[1]);
			while (matcher.find()) {
				variables.add(matcher.group());
			}
		});
		return variables;
	}

}
