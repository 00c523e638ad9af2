package io.chatx.database;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import io.chatx.database.embedded.EmbeddedDatabase;
import io.chatx.database.embedded.EmbeddedDatabaseStopped;
import io.chatx.database.embedded.EmbeddedPostgresLauncher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Which PostgreSQL ChatX uses: an embedded one unless {@code chatx.db.url} is set. Its
 * connection details go to Boot, which builds the R2DBC pool
 * ({@code spring.r2dbc.pool.*}), the {@code DatabaseClient} and the transactions for all
 * run-time access, and runs Liquibase over JDBC at start-up ({@code spring.liquibase.*}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	// Lazy: started only when databaseEndpoint asks for it. The condition is evaluated
	// before late property sources (a test's DynamicPropertyRegistrar) are in, and an
	// eager bean would then start an unused server that holds the data folder's lock.
	@Bean(destroyMethod = "close")
	@Lazy
	@ConditionalOnExpression("'${chatx.db.url:}'.isEmpty()")
	EmbeddedDatabase embeddedDatabase(DatabaseProperties properties) {
		EmbeddedDatabase database = EmbeddedPostgresLauncher.start(properties.dataDir());
		database.onUnexpectedStop(EmbeddedDatabaseStopped::exit);
		return database;
	}

	@Bean
	DatabaseEndpoint databaseEndpoint(DatabaseProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
		if (properties.isExternal()) {
			return new DatabaseEndpoint(PostgresAddress.parse(properties.url()), properties.user(),
					properties.password());
		}
		EmbeddedDatabase database = embedded.getObject();
		return new DatabaseEndpoint(new PostgresAddress("localhost", database.port(), database.database()),
				database.user(), database.password());
	}

	@Bean
	R2dbcConnectionDetails r2dbcConnectionDetails(DatabaseEndpoint endpoint) {
		return endpoint::r2dbcOptions;
	}

	@Bean
	JdbcEndpoint jdbcConnectionDetails(DatabaseEndpoint endpoint) {
		return new JdbcEndpoint(endpoint);
	}

	// Names ChatX's sessions in pg_stat_activity. Boot has no property for it:
	// spring.r2dbc.properties apply to spring.r2dbc.url only.
	@Bean
	ConnectionFactoryOptionsBuilderCustomizer applicationName() {
		return (options) -> options.option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, "chatx");
	}

}
