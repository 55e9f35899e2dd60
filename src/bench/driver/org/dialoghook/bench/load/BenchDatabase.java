package org.dialoghook.bench.load;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dialoghook.internal.replay.PostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL that the receiver with the JDBC store keeps its replay table in: the tests' own server (Debian's
 * package, on 127.0.0.1 in {@code target/}), reached from Payara Micro through a JDBC connection pool and resource
 * made by a post-boot command file, as operators.md shows for Payara; and the CPU time its processes used, so that
 * a delivery's cost counts the database's work too.
 */
final class BenchDatabase implements AutoCloseable {

    /** The JNDI name of the JDBC resource the receiver is given. */
    static final String RESOURCE = "jdbc/bench";

    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final int POOL_SIZE = 40;

    private final PostgresServer server;

    private BenchDatabase(PostgresServer server) {
        this.server = server;
    }

    /** Starts PostgreSQL, installing it when missing. */
    static BenchDatabase start() {
        return new BenchDatabase(PostgresServer.start());
    }

    /**
     * Payara Micro's options for a server whose receiver uses this database: the driver and the pool.
     *
     * @param work the benchmark's folder, where the post-boot file is written
     * @return the options
     * @throws IOException when the file cannot be written
     */
    List<String> payaraArguments(Path work) throws IOException {
        // Payara's pool wants a password even where the server asks for none (trust on loopback): "unused"
        Path postBoot = work.resolve("jdbc-postboot.asadmin");
        Files.writeString(postBoot, String.join("\n",
                "create-jdbc-connection-pool --datasourceclassname " + PGSimpleDataSource.class.getName()
                        + " --restype javax.sql.DataSource --isolationlevel read-committed --steadypoolsize 8"
                        + " --maxpoolsize " + POOL_SIZE + " --property serverName=127.0.0.1:portNumber=" + server.port()
                        + ":databaseName=postgres:user=postgres:password=unused bench-pool",
                "create-jdbc-resource --connectionpoolid bench-pool " + RESOURCE, ""));
        return List.of("--addLibs", driverJar().toString(), "--postbootcommandfile", postBoot.toString());
    }

    private static Path driverJar() {
        try {
            return Path.of(PGSimpleDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The CPU time of the database so far, in microseconds: the postmaster's own and that of the backends that
     * ended (counted into it), and the live backends'.
     *
     * @return the time
     * @throws IOException when the processes cannot be read
     */
    long cpuMicros() throws IOException {
        long postmaster = server.postmasterPid();
        long ticks = ticks(postmaster, true);
        Path children = Path.of("/proc", String.valueOf(postmaster), "task", String.valueOf(postmaster), "children");
        for (String child : Files.readString(children).trim().split("\\s+")) {
            if (!child.isEmpty()) {
                try {
                    ticks += ticks(Long.parseLong(child), false);
                } catch (IOException gone) {
                    // a backend that ended meanwhile is counted in the postmaster's figures
                }
            }
        }
        return ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND;
    }

    private static long ticks(long pid, boolean withEndedChildren) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields from the state on: utime is the 12th, stime the 13th, cutime the 14th, cstime the 15th
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withEndedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }

    @Override
    public void close() {
        server.close();
    }
}
