package io.chatx.database.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import io.chatx.common.Sha256;
import io.chatx.common.StartupProblem;

/**
 * Lets the embedded PostgreSQL run when ChatX runs as root, which PostgreSQL refuses, on
 * machines where zonky's own remedy (a user namespace) is not allowed. The real binaries
 * are unpacked once into a world-readable folder; zonky is handed a tiny archive whose
 * {@code initdb} and {@code pg_ctl} re-run the real ones as the unprivileged account
 * {@value #ACCOUNT} (created when missing) via {@code runuser}.
 */
final class UnprivilegedPostgres {

	static final String ACCOUNT = "chatx-pg";

	private UnprivilegedPostgres() {
	}

	static boolean isRoot() {
		return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
	}

	static void prepare(EmbeddedPostgres.Builder builder, Path cluster) throws IOException {
		ensureAccount();
		ensureReachable(cluster);
		chownTree(cluster);
		Path realBinaries = unpackRealBinaries();
		builder.setPgBinaryResolver(new WrapperResolver(realBinaries));
	}

	private static void ensureAccount() {
		if (run("id", "-u", ACCOUNT) == 0) {
			return;
		}
		if (run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ACCOUNT) != 0) {
			throw new StartupProblem(
					"PostgreSQL cannot run as root, and ChatX could not create the unprivileged account '" + ACCOUNT
							+ "' to run the embedded database.",
					"Create it (useradd --system " + ACCOUNT + "), run ChatX as a normal user, or set CHATX_DB_URL.");
		}
		if (run("runuser", "-u", ACCOUNT, "--", "true") != 0) {
			throw new StartupProblem(
					"PostgreSQL cannot run as root, and 'runuser' is not available to switch to '" + ACCOUNT + "'.",
					"Install util-linux, run ChatX as a normal user, or set CHATX_DB_URL.");
		}
	}

	/** Every folder above the cluster must let the account pass through. */
	private static void ensureReachable(Path cluster) throws IOException {
		for (Path dir = cluster.getParent(); dir != null; dir = dir.getParent()) {
			if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
				throw new StartupProblem(
						"ChatX runs as root, so its embedded PostgreSQL runs as '" + ACCOUNT + "', which cannot reach "
								+ cluster + " because " + dir + " is closed to other users.",
						"Set CHATX_DATA_DIR to a folder other users can reach (for example /var/lib/chatx), "
								+ "run ChatX as a normal user, or set CHATX_DB_URL.");
			}
		}
	}

	private static void chownTree(Path cluster) throws IOException {
		UserPrincipal owner = cluster.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(ACCOUNT);
		if (owner.equals(Files.getOwner(cluster))) {
			return;
		}
		try (Stream<Path> paths = Files.walk(cluster)) {
			for (Path path : paths.toList()) {
				Files.setOwner(path, owner);
			}
		}
		Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
	}

	/**
	 * The command prefix that runs a PostgreSQL binary as an account PostgreSQL accepts:
	 * nothing for a normal user, a user namespace or {@value #ACCOUNT} for root (as zonky
	 * and {@link #prepare} do for {@code initdb} and {@code pg_ctl}).
	 */
	static List<String> runAsPostgresPrefix() {
		if (!isRoot()) {
			return List.of();
		}
		return LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of("runuser", "-u", ACCOUNT, "--");
	}

	/** The real PostgreSQL binaries, unpacked once into a world-readable folder. */
	static Path unpackRealBinaries() throws IOException {
		byte[] archive;
		try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
			archive = in.readAllBytes();
		}
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "chatx-postgres",
				HexFormat.of().formatHex(Sha256.of(archive)).substring(0, 16));
		Path done = target.resolve(".unpacked");
		Files.createDirectories(target);
		requireOwnFolder(target.getParent());
		requireOwnFolder(target);
		if (Files.exists(done)) {
			return target;
		}
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new ByteArrayInputStream(archive)))) {
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					continue;
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.deleteIfExists(path);
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
					Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
				}
			}
		}
		if (!Files.exists(done)) {
			Files.createFile(done);
		}
		return target;
	}

	// The binaries are run by ChatX's own account (root, maybe): a folder in the shared
	// temporary folder that someone else made could hold binaries of theirs.
	private static void requireOwnFolder(Path dir) throws IOException {
		boolean ours = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
		if (!ours || permissions.contains(PosixFilePermission.GROUP_WRITE)
				|| permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
			throw new StartupProblem(
					"The PostgreSQL binaries' folder " + dir + " belongs to another user or is writable by others.",
					"Remove " + dir + " (ChatX unpacks the binaries again) or set java.io.tmpdir to a private folder.");
		}
	}

	private static String architecture() {
		String arch = System.getProperty("os.arch");
		return "amd64".equals(arch) ? "x86_64" : arch;
	}

	private static int run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Serves zonky an archive of two scripts that run the real binaries as the account.
	 */
	private record WrapperResolver(Path realBinaries) implements PgBinaryResolver {

		@Override
		public InputStream getPgBinary(String system, String machineHardware) throws IOException {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
					new XZOutputStream(bytes, new LZMA2Options(0)))) {
				for (String tool : List.of("initdb", "pg_ctl")) {
					byte[] script = ("#!/bin/sh\ncd / && exec runuser -u " + ACCOUNT + " -- "
							+ this.realBinaries.resolve("bin").resolve(tool) + " \"$@\"\n")
						.getBytes(StandardCharsets.UTF_8);
					TarArchiveEntry entry = new TarArchiveEntry("bin/" + tool);
					entry.setSize(script.length);
					entry.setMode(0755);
					tar.putArchiveEntry(entry);
					tar.write(script);
					tar.closeArchiveEntry();
				}
			}
			return new ByteArrayInputStream(bytes.toByteArray());
		}

	}

}
