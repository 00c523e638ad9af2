package io.chatx.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

/**
 * The ChatX load generator: {@code fanout}, {@code fanout-lifecycle},
 * {@code connections}, {@code sends}, {@code myrooms}, {@code user-search} or
 * {@code myevents} against a running server, one JSON line of results on standard output.
 * Run it with {@code scripts/bench}, which also starts and stops the server.
 */
public final class Bench {

	final Map<String, String> options;

	final String baseUrl;

	final URI wsUri;

	final Setup setup;

	final long serverPid;

	final LoopResources loops;

	final HttpClient ws;

	private Bench(Map<String, String> options) {
		this.options = options;
		this.baseUrl = option("url", "http://127.0.0.1:8080");
		this.wsUri = URI.create(this.baseUrl.replaceFirst("^http", "ws") + "/graphql");
		this.setup = new Setup(this.baseUrl, option("management-url", "http://127.0.0.1:8081"));
		this.serverPid = Long.parseLong(option("server-pid", "-1"));
		int threads = intOption("threads", Math.max(2, Runtime.getRuntime().availableProcessors()));
		this.loops = LoopResources.create("bench", threads, true);
		this.ws = WsClient.httpClient(this.loops);
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println(
					"usage: Bench fanout|fanout-lifecycle|connections|sends|myrooms|user-search|myevents [--name value ...]");
			System.exit(2);
		}
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		Bench bench = new Bench(options);
		String result = switch (args[0]) {
			case "fanout" -> new FanOut(bench, false).run();
			case "fanout-lifecycle" -> new FanOut(bench, true).run();
			case "connections" -> new Connections(bench).run();
			case "sends" -> new Sends(bench).run();
			case "myrooms" -> new MyRooms(bench).run();
			case "user-search" -> new UserSearch(bench).run();
			case "myevents" -> new MyEvents(bench).run();
			default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
		};
		System.out.println(result);
		bench.loops.disposeLater().block(java.time.Duration.ofSeconds(5));
		System.exit(0);
	}

	String option(String name, String fallback) {
		return this.options.getOrDefault(name, fallback);
	}

	int intOption(String name, int fallback) {
		return Integer.parseInt(option(name, Integer.toString(fallback)));
	}

	/**
	 * Source addresses 127.0.0.1..n: one address reaches ~28,000 connections to a port.
	 */
	String sourceHost(int connection) {
		int hosts = intOption("source-hosts", 8);
		return "127.0.0." + (1 + connection % hosts);
	}

	/** CPU time of this process in nanoseconds. */
	static long ownCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** CPU time of the server process in nanoseconds (from /proc), or -1. */
	long serverCpuNanos() {
		if (this.serverPid < 0) {
			return -1;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + this.serverPid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * 10_000_000L; // USER_HZ = 100
		}
		catch (java.io.IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * CPU time in nanoseconds of the server and its child processes (the embedded
	 * PostgreSQL), or -1.
	 */
	long serverTreeCpuNanos() {
		if (this.serverPid < 0) {
			return -1;
		}
		Map<Long, Long> parents = new HashMap<>();
		Map<Long, Long> ticks = new HashMap<>();
		// PostgreSQL daemonizes (its parent is then init): find it by its data folder.
		java.util.Set<Long> roots = new java.util.HashSet<>(java.util.List.of(this.serverPid));
		String dataDir = option("data-dir", null);
		try (var dirs = Files.list(Path.of("/proc"))) {
			dirs.filter((dir) -> dir.getFileName().toString().chars().allMatch(Character::isDigit)).forEach((dir) -> {
				try {
					String stat = Files.readString(dir.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long pid = Long.parseLong(dir.getFileName().toString());
					parents.put(pid, Long.parseLong(fields[1]));
					if (dataDir != null && Files.readString(dir.resolve("cmdline")).contains(dataDir)) {
						roots.add(pid);
					}
					ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
							+ Long.parseLong(fields[14]));
				}
				catch (java.io.IOException | RuntimeException ex) {
					// the process ended
				}
			});
		}
		catch (java.io.IOException ex) {
			return -1;
		}
		long total = 0;
		for (Map.Entry<Long, Long> process : ticks.entrySet()) {
			long pid = process.getKey();
			while (pid > 1 && !roots.contains(pid)) {
				pid = parents.getOrDefault(pid, 0L);
			}
			if (roots.contains(pid)) {
				total += process.getValue();
			}
		}
		return total * 10_000_000L;
	}

	/** Busy CPU time of the whole machine in nanoseconds (from /proc/stat). */
	static long machineBusyNanos() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				if (i != 4 && i != 5) { // idle, iowait
					busy += Long.parseLong(fields[i]);
				}
			}
			return busy * 10_000_000L;
		}
		catch (java.io.IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** CPU readings at the start of a measured window. */
	record CpuMark(long wall, long own, long server, long serverTree, long machine) {
	}

	CpuMark cpuMark() {
		return new CpuMark(System.nanoTime(), ownCpuNanos(), serverCpuNanos(), serverTreeCpuNanos(),
				machineBusyNanos());
	}

	/**
	 * CPU use since {@code start}, in cores: this load generator, the server JVM, the
	 * server with PostgreSQL, the whole machine, and what other processes used (a run
	 * that shared the machine shows here).
	 */
	Map<String, Object> cpuSince(CpuMark start) {
		CpuMark end = cpuMark();
		long wall = end.wall() - start.wall();
		Map<String, Object> cpu = new java.util.LinkedHashMap<>();
		double own = cores(start.own(), end.own(), wall);
		double tree = cores(start.serverTree(), end.serverTree(), wall);
		double machine = cores(start.machine(), end.machine(), wall);
		cpu.put("loadGenerator", own);
		cpu.put("serverJvm", cores(start.server(), end.server(), wall));
		cpu.put("serverWithPostgres", tree);
		cpu.put("machine", machine);
		cpu.put("otherProcesses", (tree < 0 || machine < 0) ? -1 : Math.max(0, machine - tree - own));
		cpu.put("machineCores", Runtime.getRuntime().availableProcessors());
		return cpu;
	}

	/** Resident memory of the server in bytes (VmRSS), or -1. */
	long serverRss() {
		if (this.serverPid < 0) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + this.serverPid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (java.io.IOException ex) {
			// fall through
		}
		return -1;
	}

	/** Run a full GC in the server ({@code jcmd <pid> GC.run}). */
	void serverGc() throws Exception {
		if (this.serverPid < 0) {
			return;
		}
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process process = new ProcessBuilder(jcmd, Long.toString(this.serverPid), "GC.run").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		process.waitFor(60, TimeUnit.SECONDS);
		Thread.sleep(500);
	}

	/**
	 * Write the server's class histogram ({@code jcmd <pid> GC.class_histogram}) to a
	 * file.
	 */
	void serverHistogram(String file) throws Exception {
		if (this.serverPid >= 0 && file != null) {
			jcmd(new java.io.File(file), "GC.class_histogram");
		}
	}

	/**
	 * Dump the server's live heap ({@code jcmd <pid> GC.heap_dump}) to a file, for a heap
	 * analyser.
	 */
	void serverHeapDump(String file) throws Exception {
		if (this.serverPid >= 0 && file != null) {
			jcmd(null, "GC.heap_dump", "-overwrite", new java.io.File(file).getAbsolutePath());
		}
	}

	private void jcmd(java.io.File output, String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.serverPid)));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput((output != null) ? ProcessBuilder.Redirect.to(output) : ProcessBuilder.Redirect.DISCARD)
			.start();
		process.waitFor(120, TimeUnit.SECONDS);
	}

	static void log(String message) {
		System.err.println("[bench] " + message);
	}

	/** CPU use over a window, in cores, from two readings of CPU nanoseconds. */
	static double cores(long cpuStart, long cpuEnd, long wallNanos) {
		return (cpuStart < 0 || cpuEnd < 0) ? -1 : (double) (cpuEnd - cpuStart) / wallNanos;
	}

}
