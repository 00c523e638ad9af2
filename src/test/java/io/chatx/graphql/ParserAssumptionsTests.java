package io.chatx.graphql;

import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link WellFormedInputInterceptor} relies on in graphql-java's parser (25.1): an
 * escaped NUL in a string literal becomes a NUL character (so the interceptor refuses the
 * escape in the document's text), and an escaped lone UTF-16 surrogate is a syntax error
 * (so the interceptor does not look for it). If the second fails, such a string would
 * reach PostgreSQL and be stored as {@code ?}: the interceptor must then refuse it too.
 */
class ParserAssumptionsTests {

	@Test
	void anEscapedNulBecomesANulCharacter() {
		assertThat(argument("\\u0000")).isEqualTo("a\0b");
		assertThat(argument("\\u{0}")).isEqualTo("a\0b");
	}

	@Test
	void anEscapedLoneSurrogateIsASyntaxError() {
		assertThatExceptionOfType(InvalidSyntaxException.class).isThrownBy(() -> argument("\\uD800"));
		assertThatExceptionOfType(InvalidSyntaxException.class).isThrownBy(() -> argument("\\uDC00"));
		assertThatExceptionOfType(InvalidSyntaxException.class).isThrownBy(() -> argument("\\u{D800}"));
		// A pair is a character like any other.
		assertThat(argument("\\uD83D\\uDE00")).isEqualTo("a\uD83D\uDE00b");
	}

	/** The value of a string argument with {@code escape} between "a" and "b". */
	private static String argument(String escape) {
		OperationDefinition operation = Parser.parse("{ f(s: \"a" + escape + "b\") }")
			.getFirstDefinitionOfType(OperationDefinition.class)
			.orElseThrow();
		Field field = (Field) operation.getSelectionSet().getSelections().get(0);
		return ((StringValue) field.getArguments().get(0).getValue()).getValue();
	}

}
