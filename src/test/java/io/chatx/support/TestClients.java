package io.chatx.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Clients of the running ChatX for integration tests to autowire.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClients {

	// Lazy: the port is known once the server has started, after the context refresh,
	// which is before the first test instance asks for a client.
	@Bean
	@Lazy
	ChatFixtures chatFixtures(Environment environment) {
		return new ChatFixtures(environment.getRequiredProperty("local.server.port", Integer.class));
	}

	@Bean
	@Lazy
	ChatxClient chatxClient(ChatFixtures fixtures) {
		return fixtures.client();
	}

}
