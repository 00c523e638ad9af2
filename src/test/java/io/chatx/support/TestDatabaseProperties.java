package io.chatx.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.context.annotation.Bean;

/**
 * Points an application context at the shared test database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseProperties {

	@Bean
	static DynamicPropertyRegistrar testDatabase() {
		return (registry) -> {
			registry.add("chatx.db.url", TestDatabase::url);
			registry.add("chatx.db.user", () -> "postgres");
			registry.add("chatx.db.password", () -> "");
		};
	}

}
