package org.dialoghook.it.crash;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.dialoghook.it.FileTrees;
import org.dialoghook.it.WebhookIT;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The crash tests' WAR, built as a team builds theirs: the receiver's classes jar, the example project's ticket
 * handler and its {@code persistence.xml} naming the test's PostgreSQL data source, which {@code web.xml} defines
 * ({@code <data-source>}, the descriptor form of {@code @DataSourceDefinition}, so that the port of the test's
 * database can be written in), with the driver in {@code WEB-INF/lib}. The replay store is in the same data source.
 * The crash hooks ({@link CrashFilter}, {@link CrashListener}) are the only test code in it.
 */
final class CrashWar {

    /** The data source's name, for the persistence unit and {@code dialoghook.replay.datasource}. */
    static final String DATA_SOURCE = "java:app/jdbc/crash";

    private CrashWar() {
    }

    /**
     * Builds the WAR.
     *
     * @param name the WAR's name (its context root where the server takes it from the name)
     * @param postgresPort the port of the test's PostgreSQL on 127.0.0.1
     * @param work a folder for the compiled example and the WAR
     * @return the WAR file
     * @throws IOException when a file cannot be read or written
     */
    static File build(String name, int postgresPort, Path work) throws IOException {
        Path classes = work.resolve("example-classes");
        FileTrees.delete(classes);
        WebArchive war = WebhookIT.teamWar(name, Map.of(
                        "dialoghook.secret", WebhookIT.SECRET,
                        "dialoghook.replay.store", "jdbc",
                        "dialoghook.replay.datasource", DATA_SOURCE,
                        "dialoghook.handler.timeout", "PT60S"),
                CrashPoint.class, CrashHooks.class, CrashListener.class, CrashFilter.class)
                .addClass(CrashListener.class.getName() + "$1")
                .addClass(CrashFilter.class.getName() + "$HeldAnswer")
                .addClass(CrashFilter.class.getName() + "$HeldAnswer$1");
        for (Path file : ExampleHandler.compile(classes)) {
            war.addAsWebInfResource(classes.resolve(file).toFile(), "classes/" + file.toString().replace('\\', '/'));
        }
        war.addAsResource(new StringAsset(ExampleHandler.persistenceXml(DATA_SOURCE)), "META-INF/persistence.xml")
                .addAsResource(new StringAsset(ORM_XML), "META-INF/orm.xml")
                .setWebXML(new StringAsset(webXml(postgresPort)))
                .addAsLibrary(driverJar());
        File file = work.resolve(name + ".war").toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        return file;
    }

    private static String webXml(int postgresPort) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                    <filter>
                        <filter-name>crash-points</filter-name>
                        <filter-class>%s</filter-class>
                    </filter>
                    <filter-mapping>
                        <filter-name>crash-points</filter-name>
                        <url-pattern>/webhook</url-pattern>
                    </filter-mapping>
                    <data-source>
                        <name>%s</name>
                        <class-name>%s</class-name>
                        <server-name>127.0.0.1</server-name>
                        <port-number>%d</port-number>
                        <database-name>postgres</database-name>
                        <user>postgres</user>
                        <password>unused-the-test-database-trusts-loopback</password>
                        <transactional>true</transactional>
                        <max-pool-size>10</max-pool-size>
                        <min-pool-size>1</min-pool-size>
                    </data-source>
                </web-app>
                """.formatted(CrashFilter.class.getName(), DATA_SOURCE, PGSimpleDataSource.class.getName(),
                postgresPort);
    }

    private static final String ORM_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xsi:schemaLocation="https://jakarta.ee/xml/ns/persistence/orm https://jakarta.ee/xml/ns/persistence/orm/orm_3_0.xsd"
                             version="3.0">
                <persistence-unit-metadata>
                    <persistence-unit-defaults>
                        <entity-listeners>
                            <entity-listener class="%s"/>
                        </entity-listeners>
                    </persistence-unit-defaults>
                </persistence-unit-metadata>
            </entity-mappings>
            """.formatted(CrashListener.class.getName());

    private static File driverJar() {
        try {
            return new File(PGSimpleDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
