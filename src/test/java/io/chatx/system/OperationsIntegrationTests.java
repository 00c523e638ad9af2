package io.chatx.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.chatx.support.ChatxClient;
import io.chatx.support.IntegrationTest;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health with the database, Prometheus metrics and GraphiQL. Actuator lives on the
 * management port; the API port only answers the probes load balancers ask.
 */
@IntegrationTest
class OperationsIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void readinessIncludesTheDatabase() {
		new ChatxClient(this.port).expectUp("/readyz");
		new ChatxClient(this.managementPort).expectUp("/actuator/health/readiness");
		new ChatxClient(this.managementPort).expectUp("/actuator/health");
	}

	@Test
	void livenessIsUp() {
		new ChatxClient(this.port).expectUp("/livez");
		new ChatxClient(this.managementPort).expectUp("/actuator/health/liveness");
	}

	@Test
	void exposesPrometheusMetricsOnTheManagementPort() {
		assertThat(new ChatxClient(this.managementPort).page("/actuator/prometheus")).contains("jvm_memory_used_bytes")
			.contains("r2dbc_pool");
		assertThat(new ChatxClient(this.managementPort).page("/actuator/metrics")).contains("jvm.memory.used");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/prometheus", "/actuator/metrics",
			"/actuator/metrics/jvm.memory.used", "/actuator/health", "/actuator/info" })
	void apiPortExposesNoActuatorEndpoint(String path) {
		new ChatxClient(this.port).http().get().uri(path).exchange().expectStatus().isNotFound();
	}

	@Test
	void servesGraphiql() {
		assertThat(new ChatxClient(this.port).page("/graphiql?path=/graphql")).containsIgnoringCase("graphiql");
	}

}
