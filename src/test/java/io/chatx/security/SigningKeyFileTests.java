package io.chatx.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code CHATX_JWT_SECRET} the development key is kept where
 * {@code CHATX_JWT_KEY_FILE} says, by default in the data folder, with ChatX's own
 * {@code application.yaml} and nothing else started.
 */
class SigningKeyFileTests {

	@TempDir
	Path folder;

	@Test
	void developmentKeyIsKeptInTheDataFolderByDefault() throws Exception {
		Path dataDir = this.folder.resolve("data");
		try (ConfigurableApplicationContext context = start("--chatx.db.data-dir=" + dataDir)) {
			assertThat(context.getBean(JwtProperties.class).keyFile()).isEqualTo(dataDir.resolve("jwt-secret"));
			assertKeptIn(dataDir.resolve("jwt-secret"), context.getBean(SecretKey.class));
		}
	}

	@Test
	void developmentKeyIsKeptWhereTheKeyFileVariableSays() throws Exception {
		Path dataDir = this.folder.resolve("data");
		Path keyFile = this.folder.resolve("keys").resolve("signing-key");
		try (ConfigurableApplicationContext context = start("--chatx.db.data-dir=" + dataDir,
				"--CHATX_JWT_KEY_FILE=" + keyFile)) {
			assertKeptIn(keyFile, context.getBean(SecretKey.class));
			assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
		}
	}

	@Test
	void aSecondStartSignsWithTheKeptKey() {
		Path keyFile = this.folder.resolve("signing-key");
		byte[] first;
		try (ConfigurableApplicationContext context = start("--chatx.jwt.key-file=" + keyFile)) {
			first = context.getBean(SecretKey.class).getEncoded();
		}
		try (ConfigurableApplicationContext context = start("--chatx.jwt.key-file=" + keyFile)) {
			assertThat(context.getBean(SecretKey.class).getEncoded()).isEqualTo(first);
		}
	}

	private static void assertKeptIn(Path file, SecretKey key) throws Exception {
		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).isEqualTo(key.getEncoded());
	}

	// Command-line arguments, so that they win over
	// application.yaml as an operator's would.
	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--chatx.jwt.secret=";
		all[1] = "--chatx.db.url=";
		all[2] = "--spring.main.banner-mode=off";
		System.arraycopy(args, 0, all, 3, args.length);
		return new SpringApplicationBuilder(KeyOnly.class).web(WebApplicationType.NONE).run(all);
	}

	// No @Configuration: component scans of
	// other tests' applications must not find it.
	@EnableConfigurationProperties(JwtProperties.class)
	@Import(JwtConfiguration.class)
	static class KeyOnly {

	}

}
