package io.chatx.database.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatx.support.ChatxClient;
import io.chatx.support.TestUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ChatX in a JVM of its own, killed the hard way: a restart after {@code kill -9} finds
 * the embedded PostgreSQL the dead JVM left behind and serves, a PostgreSQL that dies
 * under ChatX makes it exit for its supervisor, and a data folder it may not write is
 * named in a "permission denied" start-up failure.
 */
class EmbeddedCrashIntegrationTests {

	// The first start of a cluster (unpacking, initdb) is slow on a busy machine; only
	// the restart is held to the 30 s an operator may expect.
	private static final Duration FIRST_START = Duration.ofMinutes(4);

	private static final Duration RESTART = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	@AfterEach
	void stopLeftoverPostgres() {
		Path cluster = this.dir.resolve("data").resolve("postgres");
		LeftoverPostgres.pidFileOwner(cluster.resolve("postmaster.pid"))
			.filter((process) -> LeftoverPostgres.isPostgresOf(process, cluster))
			.ifPresent(ProcessHandle::destroyForcibly);
	}

	@Test
	void restartAfterKill9OfChatxServesWithItsData() throws Exception {
		Path data = this.dir.resolve("data");
		TestUser alice;
		Optional<ProcessHandle> leftover;
		try (ChatxProcess first = ChatxProcess.start(data, this.dir.resolve("first.log"))) {
			assertThat(first.servesWithin(FIRST_START)).as(first.output()).isTrue();
			alice = new ChatxClient(first.port()).register();
			first.kill();
			leftover = LeftoverPostgres.pidFileOwner(data.resolve("postgres").resolve("postmaster.pid"));
			assertThat(leftover).as("the PostgreSQL of the killed ChatX").isPresent();
			assertThat(LeftoverPostgres.isPostgresOf(leftover.get(), data.resolve("postgres"))).isTrue();
		}
		try (ChatxProcess second = ChatxProcess.start(data, this.dir.resolve("second.log"))) {
			assertThat(second.servesWithin(RESTART)).as(second.output()).isTrue();
			assertThat(leftover.get().isAlive()).isFalse();
			assertThat(second.output()).contains("left running by an earlier ChatX (pid " + leftover.get().pid());
			new ChatxClient(second.port()).expectSignsIn(alice);
		}
	}

	@Test
	void exitsWithStatus3WhenItsPostgresIsKilled() throws Exception {
		Path data = this.dir.resolve("data");
		try (ChatxProcess chatx = ChatxProcess.start(data, this.dir.resolve("chatx.log"))) {
			assertThat(chatx.servesWithin(FIRST_START)).as(chatx.output()).isTrue();
			ProcessHandle postmaster = LeftoverPostgres.pidFileOwner(data.resolve("postgres").resolve("postmaster.pid"))
				.orElseThrow();
			postmaster.destroyForcibly();
			assertThat(chatx.exitStatusWithin(Duration.ofSeconds(60))).isEqualTo(3);
			assertThat(chatx.output()).contains("The embedded PostgreSQL stopped unexpectedly");
		}
	}

	@Test
	void unwritableDataFolderIsReportedAsPermissionDeniedWithItsPath() throws Exception {
		Path data = Files.createDirectory(this.dir.resolve("data"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
		try (ChatxProcess chatx = ChatxProcess.startAsNormalUser(data, this.dir.resolve("chatx.log"))) {
			assertThat(chatx.exitStatusWithin(FIRST_START)).isNotZero();
			assertThat(chatx.output()).contains("APPLICATION FAILED TO START")
				.containsIgnoringCase("permission denied")
				.contains(data.toString());
		}
		finally {
			Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void postgresOwnErrorIsInTheStartupFailure() throws IOException, InterruptedException {
		// A setting PostgreSQL itself rejects: only its own log says why.
		Path data = this.dir.resolve("data");
		try (ChatxProcess chatx = ChatxProcess.start(data, this.dir.resolve("first.log"))) {
			assertThat(chatx.servesWithin(FIRST_START)).as(chatx.output()).isTrue();
		}
		Files.writeString(data.resolve("postgres").resolve("postgresql.auto.conf"), "shared_buffers = 'lots'\n");
		try (ChatxProcess chatx = ChatxProcess.start(data, this.dir.resolve("second.log"))) {
			assertThat(chatx.exitStatusWithin(FIRST_START)).isNotZero();
			assertThat(chatx.output()).contains("APPLICATION FAILED TO START")
				.contains("PostgreSQL said:")
				.contains("shared_buffers");
		}
	}

}
