package org.dialoghook.internal.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL 15 for the tests: Debian's server binaries (installed with {@code apt-get install -y postgresql}
 * when missing and the tests run as root), a fresh cluster in {@code target/postgres-<random>} owned by the
 * unprivileged {@code postgres} user (the server refuses to run as root), its data in {@code data/} and its log in
 * {@code server.log} there, listening on 127.0.0.1 and a free port
 * only, with no Unix socket. Durability is off ({@code fsync}, {@code synchronous_commit}): the tests prove the
 * locking and the SQL, not the disk. {@link #stop()} stops it at once and removes its folder; a test class calls it
 * in its {@code @AfterAll}, a shutdown hook stops a server the tests left running, and the next start stops one
 * whose JVM was killed.
 */
public final class PostgresServer implements AutoCloseable {

    static final Path BIN = Paths.get("/usr/lib/postgresql/15/bin");

    private static final String OS_USER = "postgres";
    private static final long START_SECONDS = 60;
    private static final String OWNER_FILE = "owner.pid";

    private final Path folder;
    private final int port;
    private final Thread stopAtExit;
    private boolean stopped;

    private PostgresServer(Path folder, int port) {
        this.folder = folder;
        this.port = port;
        this.stopAtExit = new Thread(this::stopQuietly, "postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Creates a cluster below {@code target/} and starts it.
     *
     * @return the running server
     */
    public static PostgresServer start() {
        installWhenMissing();
        Path target = Paths.get("target").toAbsolutePath();
        stopLeftOvers(target);
        Path folder = target.resolve("postgres-" + UUID.randomUUID().toString().substring(0, 8));
        Path dataDir = folder.resolve("data");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(OWNER_FILE), String.valueOf(ProcessHandle.current().pid()));
            if (asRoot()) {
                ownedByPostgres(folder);
            }
            run(List.of(BIN.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"), folder.resolve("initdb.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                        folder.resolve("server.log").toString(), "-w", "-t", String.valueOf(START_SECONDS), "-o",
                        "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories='' -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=50",
                        "start"), folder.resolve("pg_ctl.out"));
                return new PostgresServer(folder, port);
            } catch (IOException e) {
                // most likely another process took the port between the look and the start
                last = e;
            }
        }
        throw new IllegalStateException("PostgreSQL did not start; see " + folder.resolve("server.log"), last);
    }

    /**
     * A data source on the server's {@code postgres} database, without a pool: each connection is a new one.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName("postgres");
        source.setUser("postgres");
        source.setConnectTimeout(10);
        return source;
    }

    /**
     * The server's port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The process id of the server's postmaster, the parent of its backends.
     *
     * @return the id
     * @throws IOException when the server's pid file cannot be read
     */
    public long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(folder.resolve("data").resolve("postmaster.pid")).get(0).trim());
    }

    /** Stops the server at once and removes its folder. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting already
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (Files.exists(folder.resolve("data").resolve("postmaster.pid"))) {
            try {
                run(List.of(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m",
                        "immediate", "-w", "stop"), null);
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgreSQL in " + folder + " did not stop: " + e.getMessage());
                return;
            }
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a folder left in target/ is removed by mvn clean
        }
    }

    /**
     * Stops the servers that earlier test runs left in {@code target/} when their JVM was killed before it could
     * stop them: each folder names the JVM that started its server, and only a folder whose JVM is gone is touched.
     */
    private static void stopLeftOvers(Path target) {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> folders = Files.list(target)) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith("postgres-")
                    && Files.isRegularFile(p.resolve(OWNER_FILE))).toList()) {
                long owner = Long.parseLong(Files.readString(folder.resolve(OWNER_FILE)).strip());
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                new PostgresServer(folder, 0).stop();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL servers left in " + target + " were not all stopped: " + e.getMessage());
        }
    }

    /** Debian's packages, as the benchmark installs wrk: only as root, non-interactively. */
    private static synchronized void installWhenMissing() {
        if (Files.isExecutable(BIN.resolve("initdb"))) {
            return;
        }
        if (!asRoot()) {
            throw new IllegalStateException(BIN.resolve("initdb") + " is missing: install PostgreSQL 15 (Debian: "
                    + "apt-get install postgresql) or run the tests as root, which installs it");
        }
        Path log = Paths.get("target", "postgres-install.log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            try {
                run(List.of("apt-get", "install", "-y", "-q", "postgresql"), log);
            } catch (IOException e) {
                run(List.of("apt-get", "update", "-q"), log);
                run(List.of("apt-get", "install", "-y", "-q", "postgresql"), log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("apt-get install postgresql failed; see " + log, e);
        }
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("apt-get installed no PostgreSQL 15 at " + BIN + "; see " + log);
        }
    }

    /** Runs a command, as the {@code postgres} user when it is a PostgreSQL command and the tests run as root. */
    private static void run(List<String> command, Path output) throws IOException {
        List<String> full = new ArrayList<>();
        if (asRoot() && command.get(0).startsWith(BIN.toString())) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        builder.environment().put("LC_ALL", "C");
        Path out = output != null ? output : Files.createTempFile("pg", ".out");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(command.get(0) + " exited with " + process.exitValue() + ": "
                    + tail(Files.readString(out, StandardCharsets.UTF_8)));
        } else if (output == null) {
            Files.deleteIfExists(out);
        }
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void ownedByPostgres(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = users.lookupPrincipalByName(OS_USER);
        GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(group);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
