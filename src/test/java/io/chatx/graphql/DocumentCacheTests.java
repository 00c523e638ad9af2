package io.chatx.graphql;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import io.chatx.graphql.DocumentCacheConfiguration.DocumentCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parsed-document cache keeps small, valid documents, within a bound on their total
 * text.
 */
class DocumentCacheTests {

	private static final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { a: String b: String }"), RuntimeWiring.newRuntimeWiring().build());

	private final DocumentCache cache = new DocumentCache(10_000, 1_000);

	private final GraphQL graphQl = GraphQL.newGraphQL(schema).preparsedDocumentProvider(this.cache).build();

	@Test
	void keepsAValidSmallDocument() {
		this.graphQl.execute("{ a }");
		assertThat(this.cache.contains("{ a }")).isTrue();
		assertThat(this.cache.weight()).isEqualTo("{ a }".length());
	}

	@Test
	void doesNotKeepDocumentsThatFailedToParseOrValidate() {
		this.graphQl.execute("{ a ");
		this.graphQl.execute("{ nope }");
		assertThat(this.cache.contains("{ a ")).isFalse();
		assertThat(this.cache.contains("{ nope }")).isFalse();
		assertThat(this.cache.weight()).isZero();
	}

	@Test
	void doesNotKeepLargeDocuments() {
		String large = "{ " + IntStream.range(0, 200).mapToObj((i) -> "a" + i + ": a").collect(Collectors.joining(" "))
				+ " }";
		assertThat(large.length()).isGreaterThan(1_000);
		assertThat(this.graphQl.execute(large).getErrors()).isEmpty();
		assertThat(this.cache.contains(large)).isFalse();
	}

	@Test
	void keepsTheTotalWithinItsBound() {
		for (int i = 0; i < 100; i++) {
			// Distinct documents of about 900 characters each: 90,000 in all.
			String query = "{ x" + i + ": a " + "b ".repeat(440) + "}";
			this.graphQl.execute(query);
		}
		assertThat(this.cache.weight()).isPositive().isLessThanOrEqualTo(10_000);
	}

}
