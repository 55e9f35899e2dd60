package org.dialoghook.it.crash;

import jakarta.persistence.Entity;
import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.dialoghook.WebhookHandler;

/**
 * The example project's JPA handler ({@code OpenTicketHandler}, its entity {@code Ticket} and its
 * {@code persistence.xml}), taken from {@code docs/examples/handler-project} as it is, so the crash tests run the
 * very handler a team copies: its sources are compiled here against the receiver's API and Jakarta EE 10.
 */
final class ExampleHandler {

    private static final Path PROJECT = Path.of("docs/examples/handler-project/src/main");
    private static final List<String> SOURCES = List.of("com/example/bot/Ticket.java",
            "com/example/bot/OpenTicketHandler.java");

    /** The example's handler name. */
    static final String HANDLER = "open-ticket";
    /** The example's table. */
    static final String TABLE = "shop_tickets";

    private ExampleHandler() {
    }

    /**
     * Compiles the example's entity and handler.
     *
     * @param into an empty folder for the class files
     * @return the class files, relative to {@code into}
     * @throws IOException when a file cannot be read or written
     */
    static List<Path> compile(Path into) throws IOException {
        Files.createDirectories(into);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", into.toString(),
                "-classpath", jarOf(Entity.class) + File.pathSeparator + jarOf(WebhookHandler.class)));
        SOURCES.forEach(source -> arguments.add(PROJECT.resolve("java").resolve(source).toString()));
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the example's handler did not compile: "
                    + messages.toString(StandardCharsets.UTF_8));
        }
        try (Stream<Path> files = Files.walk(into)) {
            return files.filter(file -> file.toString().endsWith(".class")).map(into::relativize).toList();
        }
    }

    /**
     * The example's {@code persistence.xml} with a {@code <jta-data-source>} added, as an operator names a data
     * source of their own.
     *
     * @param dataSource the JNDI name
     * @return the file's text
     * @throws IOException when it cannot be read
     */
    static String persistenceXml(String dataSource) throws IOException {
        String text = Files.readString(PROJECT.resolve("resources/META-INF/persistence.xml"), StandardCharsets.UTF_8);
        String unit = "<persistence-unit name=\"shop\" transaction-type=\"JTA\">";
        if (!text.contains(unit)) {
            throw new IllegalStateException("the example's persistence.xml has no unit " + unit);
        }
        return text.replace(unit, unit + "\n        <jta-data-source>" + dataSource + "</jta-data-source>");
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
