package io.chatx.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points an application context at the shared test database before the context is
 * refreshed, so that ChatX starts no embedded database of its own.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("chatxTestDatabase", Map.of("chatx.db.url", TestDatabase.url(),
					"chatx.db.user", TestDatabase.user(), "chatx.db.password", TestDatabase.password())));
	}

}
