package io.chatx.system;

import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health with the database, Prometheus metrics and GraphiQL.
 */
@IntegrationTest
class OperationsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void readinessIncludesTheDatabase() {
		new ChatxClient(this.port).expectUp("/actuator/health/readiness");
		new ChatxClient(this.port).expectUp("/actuator/health");
	}

	@Test
	void livenessIsUp() {
		new ChatxClient(this.port).expectUp("/actuator/health/liveness");
	}

	@Test
	void exposesPrometheusMetrics() {
		assertThat(new ChatxClient(this.port).page("/actuator/prometheus")).contains("jvm_memory_used_bytes")
			.contains("r2dbc_pool");
	}

	@Test
	void servesGraphiql() {
		assertThat(new ChatxClient(this.port).page("/graphiql?path=/graphql")).containsIgnoringCase("graphiql");
	}

}
