package io.chatx.database;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where ChatX keeps its data.
 *
 * @param url PostgreSQL to use, as {@code postgresql://host:port/db}; when empty ChatX
 * starts an embedded PostgreSQL in {@code dataDir}
 * @param user user name for {@code url}
 * @param password password for {@code url}
 * @param dataDir folder for the embedded PostgreSQL and the development signing key
 * @param poolSize most connections in the R2DBC pool: the default of
 * {@code spring.r2dbc.pool.max-size} (application.yaml passes it on)
 */
@ConfigurationProperties("chatx.db")
public record DatabaseProperties(@Nullable String url, @Nullable String user, @Nullable String password,
		@DefaultValue("data") Path dataDir, @DefaultValue("20") int poolSize) {

	/** Whether an external PostgreSQL is configured (no embedded one is started then). */
	public boolean isExternal() {
		return StringUtils.hasText(this.url);
	}

}
