package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.browser.Chromium;
import org.dialoghook.testkit.DeliverySigner;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * WildFly's management console (HAL) driven in headless Chromium, as an operator uses it: a management user made
 * with {@code add-user.sh}, then on <i>Configuration &gt; System Properties</i> the bot's secret added to a receiver
 * that had none, and then rotated (the old value copied into {@code dialoghook.previous-secret}, the secret edited
 * to the new one, the previous secret removed). After each step a signed delivery shows the change in force, with
 * no reload and no redeploy. The secrets are encrypted expressions made with the CLI, as operators.md says: the
 * console never sees a clear secret. Screenshots land in the test reports ({@code wildfly-console-screenshots/}).
 */
class WildFlyConsoleBrowserIT {

    /** Test-only secrets and management user. */
    private static final String OLD = "console-test-old-secret-2b7f4e19c05a8d36e1f0";
    private static final String NEW = "console-test-new-secret-6e0c9a31f7d24b58a9c3";
    private static final String USER = "dialoghook-operator";
    private static final String PASSWORD = "console-IT-pass-5c8e1a";

    private static final String CONTEXT = "/dialoghook";
    private static final Duration TAKES_EFFECT = Duration.ofSeconds(30);

    private static WildFlyOperator server;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        server = WildFlyOperator.start(Path.of("target", "wildfly-console-it"));
        browser = Chromium.start(Files.createTempDirectory("dialoghook-chromium"));
        browser.manage().window().setSize(new Dimension(1280, 720));
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stopServerAndBrowser() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSecretIsSetAndRotatedInTheConsoleWithoutAReload() throws Exception {
        try {
            setAndRotate();
        } catch (Exception | AssertionError e) {
            screenshot("failed");
            throw e;
        }
    }

    private static void setAndRotate() throws Exception {
        String oldExpression = prepareServer();
        String newExpression = server.encrypt(NEW);
        assertEquals(503, deliver(OLD).statusCode(), "without a secret every delivery is refused");

        logIn();
        openSystemProperties();
        screenshot("03-system-properties");

        addProperty("dialoghook.secret", oldExpression, "04-add-secret");
        awaitStatus(OLD, 200);

        String copied = valueOf("dialoghook.secret");
        assertEquals(oldExpression, copied, "the table shows the expression");
        addProperty("dialoghook.previous-secret", copied, "05-add-previous-secret");
        editProperty("dialoghook.secret", newExpression);
        awaitStatus(NEW, 200);
        assertEquals(200, deliver(OLD).statusCode(), "the old secret is the previous one now");

        removeProperty("dialoghook.previous-secret");
        awaitStatus(OLD, 401);
        WebhookIT.assertProblem(deliver(OLD), 401, "invalid-token");
        assertEquals(200, deliver(NEW).statusCode());

        assertTrue(WildFlyOperator.succeeded(server.command(":read-attribute(name=server-state)")).output()
                .contains("\"running\""), "the server asks for no reload");
        assertEquals(1, server.countLines("DH-0300"), "the application was deployed once");
        assertEquals(1, server.countLines("WFLYSRV0010: Deployed \"dialoghook.war\""), "deployed once, never again");
        assertFalse(server.logText().contains("WFLYSRV0050"), "no reload or restart");
        for (Path file : List.of(server.log(), server.work().resolve("server.out"),
                server.base().resolve("configuration/standalone.xml"))) {
            String text = Files.readString(file);
            assertFalse(text.contains(OLD) || text.contains(NEW) || text.contains(PASSWORD),
                    "no secret in " + file.getFileName());
        }
    }

    /**
     * The management user, the key that decrypts the expressions (steps 1 and 2 of
     * {@code server-config/wildfly/dialoghook.cli}), and the WAR deployed without a secret.
     *
     * @return the old secret's expression
     */
    private static String prepareServer() throws Exception {
        server.addManagementUser(USER, PASSWORD);
        WildFlyOperator.succeeded(server.script("encryption.cli",
                "/subsystem=elytron/secret-key-credential-store=dialoghook-keys:add(relative-to=jboss.server.config.dir,"
                        + " path=dialoghook-keys.cs, create=true, populate=true)",
                "/subsystem=elytron/expression=encryption:add(resolvers=[{name=dialoghook,"
                        + " credential-store=dialoghook-keys, secret-key=key}])"));
        Path war = server.work().resolve("dialoghook.war");
        WebhookIT.receiver("dialoghook", Map.of("dialoghook.settings.refresh", "1"), EchoHandler.class)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        WildFlyOperator.succeeded(server.command("deploy " + war));
        return server.encrypt(OLD);
    }

    /**
     * The console asks for the management user with HTTP Digest. Headless Chromium shows no login dialog, so the
     * browser answers it once with the credentials in the URL of the management endpoint, and keeps them for the
     * console's own requests.
     */
    private static void logIn() throws IOException {
        browser.get("http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.managementPort() + "/management");
        assertTrue(browser.getPageSource().contains("management-major-version"), "logged in");
        browser.get(server.management("/console/index.html").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tlc-configuration")));
        assertEquals(USER, browser.findElement(By.id("header-username")).getText().trim());
        screenshot("01-homepage");
    }

    /** Configuration, then System Properties and its View button. */
    private static void openSystemProperties() throws IOException {
        browser.findElement(By.id("tlc-configuration")).click();
        WebElement item = wait.until(ExpectedConditions.elementToBeClickable(By.id("system-properties")));
        item.click();
        WebElement view = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//li[@id='system-properties']//a[normalize-space(.)='View']")));
        screenshot("02-configuration");
        view.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("system-property-table")));
    }

    private static By row(String name) {
        return By.xpath("//table[@id='system-property-table']//td[normalize-space(.)='" + name + "']");
    }

    private static String valueOf(String name) {
        return browser.findElement(row(name)).findElement(By.xpath("following-sibling::td[1]")).getText().trim();
    }

    /** The table's Add button, the dialog's Name and Value, then Add. */
    private static void addProperty(String name, String value, String shot) throws IOException {
        closeNotifications();
        browser.findElement(By.xpath("//button[@data-constraint='executable(system-property=*:add)']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("system-property-add-name-editing")));
        // the dialog puts the focus into Name once it is shown; typing before that may land in the wrong field
        wait.until(page -> "system-property-add-name-editing".equals(
                browser.executeScript("return document.activeElement && document.activeElement.id")));
        By nameField = By.id("system-property-add-name-editing");
        for (int attempt = 1; attempt <= 3; attempt++) {
            type(nameField, name);
            type(By.id("system-property-add-value-editing"), value);
            if (name.equals(browser.findElement(nameField).getDomProperty("value"))) {
                break;
            }
        }
        screenshot(shot);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal.in .modal-footer .btn-primary")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(row(name)));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("system-property-add-name-editing")));
    }

    /** Selects the row, Edit under the table, a new Value, Save. */
    private static void editProperty(String name, String value) throws IOException {
        closeNotifications();
        browser.findElement(row(name)).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#system-property-form-links a[data-operation='edit']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("system-property-form-value-editing")));
        type(By.id("system-property-form-value-editing"), value);
        screenshot("06-edit-secret");
        WebElement save = browser.findElement(By.xpath(
                "//*[@id='system-property-form-editing']//button[normalize-space(.)='Save']"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        wait.until(page -> valueOf(name).equals(value));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(normalize-space(.),'successfully modified')]")));
        screenshot("07-secret-saved");
    }

    /** Types into a field until it holds the text: on a busy machine the console may move the focus meanwhile. */
    private static void type(By locator, String text) {
        for (int attempt = 0; attempt < 3; attempt++) {
            WebElement field = browser.findElement(locator);
            field.click();
            field.clear();
            field.sendKeys(text);
            if (text.equals(field.getDomProperty("value"))) {
                return;
            }
        }
        throw new AssertionError("the field " + locator + " does not take the text");
    }

    /** Closes the console's notifications (such as "successfully modified"), which cover the table's buttons. */
    private static void closeNotifications() {
        By open = By.cssSelector(".alert-dismissable");
        for (WebElement close : browser.findElements(By.cssSelector(".alert-dismissable .close"))) {
            if (close.isDisplayed()) {
                close.click();
            }
        }
        wait.until(ExpectedConditions.invisibilityOfAllElements(browser.findElements(open)));
    }

    /** Selects the row, Remove, Yes. */
    private static void removeProperty(String name) throws IOException {
        closeNotifications();
        browser.findElement(row(name)).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[@data-constraint='executable(system-property=*:remove)']"))).click();
        WebElement yes = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(concat(' ', @class, ' '), ' in ')]//button[normalize-space(.)='Yes']")));
        screenshot("08-remove-previous-secret");
        yes.click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row(name)));
    }

    private static HttpResponse<String> deliver(String secret) throws IOException, InterruptedException {
        return server.deliver(CONTEXT, DeliverySigner.withSecret(secret).handler("echo").formValue("step", "console")
                .sign());
    }

    /** Delivers every 100 ms until a delivery signed with the secret gets the status. */
    private static void awaitStatus(String secret, int status) throws Exception {
        long started = System.nanoTime();
        long deadline = started + TAKES_EFFECT.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = deliver(secret).statusCode();
            if (last == status) {
                System.out.println("WildFly console: " + status + " after " + Duration.ofNanos(System.nanoTime()
                        - started).toMillis() + " ms");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + status + " within " + TAKES_EFFECT + " after the change in the console (last "
                + last + ")");
    }

    private static void screenshot(String name) throws IOException {
        Path folder = Path.of(System.getProperty("dialoghook.it.reports", "target/failsafe-reports"),
                "wildfly-console-screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
