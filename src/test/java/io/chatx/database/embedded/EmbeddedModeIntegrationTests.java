package io.chatx.database.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatx.ChatxApplication;
import io.chatx.support.ChatxClient;
import io.chatx.support.TestUser;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no configuration ChatX runs on its own embedded PostgreSQL, keeps the data and the
 * development signing key in its data folder, and a second start finds both.
 */
class EmbeddedModeIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void secondStartFindsTheUsersAndTokensOfTheFirst() throws Exception {
		TestUser alice;
		try (ConfigurableApplicationContext first = start()) {
			alice = client(first).register();
		}
		Path key = this.dataDir.resolve("jwt-secret");
		assertThat(key).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		assertThat(this.dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

		try (ConfigurableApplicationContext second = start()) {
			ChatxClient client = client(second);
			// The access token of the first run is still
			// valid: the development key was kept.
			client.as(alice)
				.document("{ me { username } }")
				.execute()
				.path("me.username")
				.entity(String.class)
				.isEqualTo(alice.username());
			client.expectSignsIn(alice);
		}
	}

	private ConfigurableApplicationContext start() {
		// Command-line arguments, so that they win over
		// application.yaml as an operator's would.
		return new SpringApplicationBuilder(ChatxApplication.class).run("--server.port=0", "--chatx.db.url=",
				"--chatx.jwt.secret=", "--chatx.db.data-dir=" + this.dataDir, "--spring.main.banner-mode=off");
	}

	private static ChatxClient client(ConfigurableApplicationContext context) {
		return new ChatxClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
	}

}
