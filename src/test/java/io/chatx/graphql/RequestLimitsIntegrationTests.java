package io.chatx.graphql;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;
import io.chatx.support.TestUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Requests that are too deep, too complex, too large or malformed are refused with a
 * clear status or GraphQL error, never a 500.
 */
@IntegrationTest
class RequestLimitsIntegrationTests {

	@Autowired
	ChatxClient client;

	TestUser user;

	@BeforeEach
	void setUp() {
		this.user = this.client.register();
	}

	@Test
	void rejectsQueriesDeeperThanTheLimit() {
		String deep = "{ __type(name: \"Query\") { fields { type " + "{ ofType ".repeat(16) + "{ name }"
				+ " }".repeat(16) + " } } }";
		this.client.as(this.user)
			.document(deep)
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
					&& e.getMessage().toLowerCase().contains("depth"))
			.verify();
	}

	@Test
	void rejectsQueriesMoreComplexThanTheLimit() {
		// A page of 100 messages with 40 fields each: 4,000 fields.
		String aliases = IntStream.range(0, 40).mapToObj((i) -> "c" + i + ": content").collect(Collectors.joining(" "));
		this.client.as(this.user)
			.document("{ messages(roomId: \"00000000-0000-0000-0000-000000000000\", last: 100) { edges { node { "
					+ aliases + " } } } }")
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code"))
					&& e.getMessage().toLowerCase().contains("complexity"))
			.verify();
	}

	@Test
	void allowsTheIntrospectionThatGraphiqlSends() {
		this.client.as(this.user)
			.document(
					"""
							query { __schema { queryType { name } types { name kind fields(includeDeprecated: true) {
							  name args { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
							  type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }""")
			.execute()
			.path("__schema.queryType.name")
			.entity(String.class)
			.isEqualTo("Query");
	}

	@Test
	void refusesOversizedBodyWith413AndACode() {
		String body = "{\"query\":\"{ me { id } }\",\"variables\":{\"pad\":\"" + "x".repeat(400_000) + "\"}}";
		this.client.http()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT");
	}

	@Test
	void malformedJsonIsABadRequest() {
		this.client.http()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void syntaxErrorIsBadUserInput() {
		this.client.as(this.user)
			.document("{ me { id ")
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")))
			.verify();
	}

	@Test
	void unknownFieldIsBadUserInput() {
		this.client.as(this.user)
			.document("{ me { password } }")
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")))
			.verify();
	}

	@Test
	void wrongVariableTypeIsBadUserInput() {
		this.client.anonymous()
			.document("mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }")
			.variable("t", java.util.List.of(1, 2))
			.execute()
			.errors()
			.expect((e) -> "BAD_USER_INPUT".equals(e.getExtensions().get("code")))
			.verify();
	}

}
