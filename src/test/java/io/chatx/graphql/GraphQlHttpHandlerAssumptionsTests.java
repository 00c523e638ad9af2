package io.chatx.graphql;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why {@link GraphQlHttpConfiguration} refuses requests before Spring GraphQL's (2.0.6)
 * HTTP handler sees them: that handler answers a request without a body with an empty
 * 200, and reads {@code application/graphql} through a leftover {@code Mono.log()} that
 * logs every signal at INFO. When a test here fails, upstream fixed it, and the matching
 * refusal is no longer a workaround (the contract still allows only JSON).
 */
@ExtendWith(OutputCaptureExtension.class)
class GraphQlHttpHandlerAssumptionsTests {

	private final WebTestClient client = WebTestClient
		.bindToRouterFunction(
				RouterFunctions.route()
					.POST("/graphql", new GraphQlHttpHandler(WebGraphQlHandler
						.builder(new DefaultExecutionGraphQlService(GraphQlSource.builder(new SchemaGenerator()
							.makeExecutableSchema(new SchemaParser().parse("type Query { ok: Boolean }"),
									RuntimeWiring.newRuntimeWiring()
										.type("Query", (type) -> type.dataFetcher("ok", (env) -> true))
										.build()))
							.build()))
						.build())::handleRequest)
					.build())
		.build();

	@Test
	void springGraphQlAnswersARequestWithoutBodyWithAnEmpty200() {
		this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.isEmpty();
	}

	@Test
	void springGraphQlLogsEverySignalOfAnApplicationGraphqlRequest(CapturedOutput output) {
		this.client.post()
			.uri("/graphql")
			.contentType(MediaType.parseMediaType("application/graphql"))
			.bodyValue("{\"query\":\"{ ok }\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.ok")
			.isEqualTo(true);

		// One line per signal, at INFO, from a reactor.Mono logger; the layout of the
		// line
		// depends on the logging configuration of whichever test ran first in this JVM.
		assertThat(output.getAll()).containsPattern("INFO .*reactor\\.Mono\\S* .*onSubscribe\\(")
			.containsPattern("INFO .*reactor\\.Mono\\S* .*onComplete\\(\\)");
	}

}
