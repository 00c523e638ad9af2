package io.chatx.database;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseConnectionDetails;

/**
 * The database's JDBC address, over which Boot runs Liquibase at start-up (ChatX has no
 * {@code DataSource}: everything at run time is R2DBC). Also JDBC connection details:
 * Boot's Liquibase auto-configuration backs off where there is neither a
 * {@code DataSource} nor those.
 */
record JdbcEndpoint(DatabaseEndpoint endpoint) implements JdbcConnectionDetails, LiquibaseConnectionDetails {

	@Override
	public String getJdbcUrl() {
		return this.endpoint.address().jdbcUrl();
	}

	@Override
	public @Nullable String getUsername() {
		return this.endpoint.user();
	}

	@Override
	public @Nullable String getPassword() {
		return this.endpoint.password();
	}

	@Override
	public String getDriverClassName() {
		return org.postgresql.Driver.class.getName();
	}

}
