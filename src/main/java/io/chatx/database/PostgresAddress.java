package io.chatx.database;

import java.net.URI;

import io.chatx.common.StartupProblem;

/**
 * Host, port and database of a PostgreSQL server, read from
 * {@code postgresql://host:port/db} (a {@code jdbc:} or {@code r2dbc:} prefix is
 * tolerated).
 */
record PostgresAddress(String host, int port, String database) {

	static PostgresAddress parse(String url) {
		String plain = url.trim().replaceFirst("^(jdbc:|r2dbc:)", "");
		try {
			URI uri = URI.create(plain);
			String database = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
			if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || database.isEmpty()) {
				throw new IllegalArgumentException("not a postgresql URL");
			}
			return new PostgresAddress(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 5432, database);
		}
		catch (IllegalArgumentException ex) {
			throw new StartupProblem("CHATX_DB_URL '" + url + "' is not a PostgreSQL address.",
					"Set CHATX_DB_URL to postgresql://host:port/database, or unset it to use the embedded database.");
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
	}

}
