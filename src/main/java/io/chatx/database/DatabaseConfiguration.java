package io.chatx.database;

import java.time.Duration;

import javax.sql.DataSource;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import liquibase.integration.spring.SpringLiquibase;

import io.chatx.database.embedded.EmbeddedDatabase;
import io.chatx.database.embedded.EmbeddedDatabaseStopped;
import io.chatx.database.embedded.EmbeddedPostgresLauncher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The database wiring: an embedded PostgreSQL unless {@code chatx.db.url} is set, a
 * pooled R2DBC connection factory for all run-time access, and Liquibase over JDBC at
 * start-up.
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

	@Bean(destroyMethod = "dispose")
	ConnectionPool connectionFactory(DatabaseEndpoint endpoint, DatabaseProperties properties) {
		PostgresqlConnectionConfiguration.Builder connection = PostgresqlConnectionConfiguration.builder()
			.host(endpoint.address().host())
			.port(endpoint.address().port())
			.database(endpoint.address().database())
			.username(endpoint.user())
			.applicationName("chatx");
		if (endpoint.password() != null && !endpoint.password().isEmpty()) {
			connection.password(endpoint.password());
		}
		ConnectionPoolConfiguration pool = ConnectionPoolConfiguration
			.builder(new PostgresqlConnectionFactory(connection.build()))
			.initialSize(2)
			.maxSize(properties.poolSize())
			.maxIdleTime(Duration.ofMinutes(10))
			.maxAcquireTime(Duration.ofSeconds(10))
			// After PostgreSQL restarts every pooled connection is dead; each acquire
			// then discards them until it finds a live one, instead of failing.
			.acquireRetry(properties.poolSize())
			.name("chatx")
			.build();
		return new ConnectionPool(pool);
	}

	@Bean
	SpringLiquibase liquibase(DatabaseEndpoint endpoint) {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(jdbcDataSource(endpoint));
		liquibase.setChangeLog("classpath:db/changelog.yaml");
		return liquibase;
	}

	@Bean
	DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
		return DatabaseClient.create(connectionFactory);
	}

	@Bean
	ReactiveTransactionManager transactionManager(ConnectionFactory connectionFactory) {
		return new R2dbcTransactionManager(connectionFactory);
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

	private static DataSource jdbcDataSource(DatabaseEndpoint endpoint) {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				endpoint.address().jdbcUrl(), endpoint.user(), endpoint.password());
		return dataSource;
	}

}
