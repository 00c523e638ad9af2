package io.chatx.database.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatx.ChatxApplication;
import io.chatx.support.ChatxClient;
import io.chatx.support.TestUser;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A data folder of an older ChatX (pg_hba.conf trusting everyone, the data in database
 * {@code postgres} owned by the superuser) is locked down at the first start of this
 * version and keeps its data.
 */
class OlderDataFolderUpgradeIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void olderDataFolderIsLockedAndKeepsItsUsers() throws Exception {
		TestUser alice = createOlderDataFolderWithAUser();

		try (ConfigurableApplicationContext chatx = new SpringApplicationBuilder(ChatxApplication.class).run(
				"--server.port=0", "--chatx.db.url=", "--chatx.jwt.secret=", "--chatx.db.data-dir=" + this.dataDir,
				"--spring.main.banner-mode=off")) {
			int port = Integer.parseInt(chatx.getEnvironment().getProperty("local.server.port"));
			new ChatxClient(port).expectSignsIn(alice);
			// And a new user lands next to the old ones.
			new ChatxClient(port).register();

			EmbeddedDatabase database = chatx.getBean(EmbeddedDatabase.class);
			String url = "jdbc:postgresql://localhost:" + database.port() + "/";
			SQLException refused = catchThrowableOfType(SQLException.class,
					() -> DriverManager.getConnection(url + "postgres", "postgres", null).close());
			assertThat((Throwable) refused).as("the superuser without password, as the older version connected")
				.isNotNull();
			try (Connection app = DriverManager.getConnection(url + "chatx", "chatx", database.password());
					Statement sql = app.createStatement();
					ResultSet rows = sql.executeQuery("SELECT count(*), min(tableowner), max(tableowner)"
							+ " FROM pg_tables WHERE schemaname = 'public'")) {
				rows.next();
				assertThat(rows.getInt(1)).isGreaterThan(1);
				assertThat(rows.getString(2)).isEqualTo("chatx");
				assertThat(rows.getString(3)).isEqualTo("chatx");
			}
		}
	}

	// As the older version did: zonky's trusting cluster, ChatX connected to database
	// postgres as postgres with no password.
	private TestUser createOlderDataFolderWithAUser() throws Exception {
		Path cluster = this.dataDir.resolve("postgres");
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(cluster)
			.setCleanDataDirectory(false)
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "200")
			.setLocaleConfig("locale-provider", "builtin")
			.setLocaleConfig("builtin-locale", "C.UTF-8");
		if (UnprivilegedPostgres.isRoot() && !LinuxUtils.isUnshareAvailable()) {
			UnprivilegedPostgres.prepare(builder, cluster);
		}
		try (EmbeddedPostgres older = builder.start();
				ConfigurableApplicationContext chatx = new SpringApplicationBuilder(ChatxApplication.class).run(
						"--server.port=0", "--chatx.db.url=postgresql://localhost:" + older.getPort() + "/postgres",
						"--chatx.db.user=postgres", "--chatx.db.password=", "--chatx.jwt.secret=",
						"--chatx.db.data-dir=" + this.dataDir, "--spring.main.banner-mode=off",
						"--chatx.jwt.secret=" + "older-secret-".repeat(4))) {
			int port = Integer.parseInt(chatx.getEnvironment().getProperty("local.server.port"));
			return new ChatxClient(port).register();
		}
	}

}
