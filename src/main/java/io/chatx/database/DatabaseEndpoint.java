package io.chatx.database;

import io.r2dbc.spi.ConnectionFactoryOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The PostgreSQL ChatX talks to, embedded or external.
 */
record DatabaseEndpoint(PostgresAddress address, @Nullable String user, @Nullable String password) {

	/** Where and as whom the R2DBC connections connect. */
	ConnectionFactoryOptions r2dbcOptions() {
		ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
			.option(ConnectionFactoryOptions.DRIVER, "postgresql")
			.option(ConnectionFactoryOptions.HOST, this.address.host())
			.option(ConnectionFactoryOptions.PORT, this.address.port())
			.option(ConnectionFactoryOptions.DATABASE, this.address.database());
		if (this.user != null) {
			options.option(ConnectionFactoryOptions.USER, this.user);
		}
		if (StringUtils.hasLength(this.password)) {
			options.option(ConnectionFactoryOptions.PASSWORD, this.password);
		}
		return options.build();
	}

	@Override
	public String toString() {
		return "DatabaseEndpoint[address=" + this.address + ", user=" + this.user + "]";
	}

}
