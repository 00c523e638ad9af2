package io.chatx.database;

import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection details ChatX hands to Boot: R2DBC options and the JDBC address.
 */
class DatabaseEndpointTests {

	static final PostgresAddress ADDRESS = new PostgresAddress("db.internal", 6543, "chat");

	@Test
	void r2dbcOptionsNameThePostgresqlServerDatabaseAndUser() {
		ConnectionFactoryOptions options = new DatabaseEndpoint(ADDRESS, "chatx", "secret").r2dbcOptions();
		assertThat(options.getValue(ConnectionFactoryOptions.DRIVER)).isEqualTo("postgresql");
		assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("db.internal");
		assertThat(options.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(6543);
		assertThat(options.getValue(ConnectionFactoryOptions.DATABASE)).isEqualTo("chat");
		assertThat(options.getValue(ConnectionFactoryOptions.USER)).isEqualTo("chatx");
		assertThat(options.getValue(ConnectionFactoryOptions.PASSWORD)).hasToString("secret");
	}

	@Test
	void anEmptyPasswordIsNotSent() {
		ConnectionFactoryOptions options = new DatabaseEndpoint(ADDRESS, "postgres", "").r2dbcOptions();
		assertThat(options.hasOption(ConnectionFactoryOptions.PASSWORD)).isFalse();
	}

	@Test
	void jdbcDetailsUseThePostgresqlDriverAtTheSameAddress() {
		JdbcEndpoint jdbc = new JdbcEndpoint(new DatabaseEndpoint(ADDRESS, "chatx", "secret"));
		assertThat(jdbc.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/chat");
		assertThat(jdbc.getDriverClassName()).isEqualTo("org.postgresql.Driver");
		assertThat(jdbc.getUsername()).isEqualTo("chatx");
		assertThat(jdbc.getPassword()).isEqualTo("secret");
	}

	@Test
	void theEndpointDoesNotShowItsPassword() {
		assertThat(new DatabaseEndpoint(ADDRESS, "chatx", "secret")).asString()
			.contains("db.internal")
			.doesNotContain("secret");
	}

}
