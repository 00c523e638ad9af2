package io.chatx.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogValuesTests {

	@Test
	void escapesLineBreaksAndOtherControlCharacters() {
		assertThat(LogValues.escaped("a\nb\rc\td\u0000e\u001bf\u0085g\u2028h"))
			.isEqualTo("a\\nb\\rc\\td\\u0000e\\u001bf\\u0085g\\u2028h");
	}

	@Test
	void escapesQuotesAndBackslashesInsideQuotes() {
		assertThat(LogValues.quoted("say \"hi\" \\n")).isEqualTo("\"say \\\"hi\\\" \\\\n\"");
	}

	@Test
	void leavesOrdinaryTextAlone() {
		String text = "alice@example.com İ ☃ \uD83D\uDE00";
		assertThat(LogValues.escaped(text)).isSameAs(text);
		assertThat(LogValues.quoted(null)).isEqualTo("null");
	}

}
