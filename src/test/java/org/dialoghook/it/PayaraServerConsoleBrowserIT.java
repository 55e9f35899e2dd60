package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.browser.Chromium;
import org.dialoghook.testkit.DeliverySigner;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A secret rotation done in Payara Server's Admin Console, in headless Chromium, on the pages docs/operators.md
 * names: <em>Domain &gt; Password Aliases &gt; New...</em> for the new secret, then <em>Configurations &gt;
 * server-config &gt; MicroProfile &gt; Config &gt; Property</em> (source {@code domain}) for
 * {@code dialoghook.previous-secret} and {@code dialoghook.secret}, and at the end the previous secret deleted on the
 * same page. Deliveries signed with the new secret are then accepted, and the old one refused once deleted, with no
 * reload or redeploy. Screenshots of every page land in the test reports ({@code payara-console-screenshots/}).
 *
 * <p>The domain is the test's own ({@link PayaraServerDomain}: free ports, loopback, no admin password, so the
 * console opens from 127.0.0.1 without a login); it was set up with asadmin as server-config/payara/ does (the alias
 * {@code dialoghook-secret}, {@code dialoghook.secret} referring to it, the WAR deployed) and its MicroProfile
 * Config cache shortened to 1 s before the deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerConsoleBrowserIT {

    /** Test-only secrets: the one set up with asadmin, and the one the console rotates to. */
    private static final String OLD = "console-old-secret-0e4b7a19c6d3f285-HnV";
    private static final String NEW = "console-new-secret-9c1f5d2ae7b04638-TrQ";

    /** The Admin Console is JSF and slow to start: its first page can take a minute on two busy cores. */
    private static final Duration PAGE = Duration.ofSeconds(120);
    private static final Duration CHANGE_TAKES_AT_MOST = Duration.ofSeconds(30);

    private static PayaraServerDomain domain;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void setUpWithAsadminAndOpenTheConsole() throws Exception {
        Path work = Path.of(System.getProperty("payara.server.work", "target/payara-server-it") + "-console");
        domain = PayaraServerDomain.createAndStart(Path.of(System.getProperty("payara.server.home")), work,
                "dialoghook-console");
        admin("set-config-cache", "--duration=1");
        Path passwordFile = Files.createFile(work.resolve("old.pwd"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, "AS_ADMIN_ALIASPASSWORD=" + OLD + "\n", StandardCharsets.UTF_8);
        admin("--passwordfile", passwordFile.toAbsolutePath().toString(), "create-password-alias", "dialoghook-secret");
        Files.delete(passwordFile);
        admin("set-config-property", "--propertyName=dialoghook.secret", "--propertyValue=${ALIAS=dialoghook-secret}",
                "--source=domain");
        Path war = work.resolve("dialoghook.war");
        WebhookIT.receiver("dialoghook", Map.of("dialoghook.settings.refresh", "1"), EchoHandler.class)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        admin("deploy", "--name=dialoghook", "--contextroot=/", war.toAbsolutePath().toString());
        assertEquals(200, deliver(OLD).statusCode(), "the old secret is accepted before the console is opened");

        browser = Chromium.start(Files.createTempDirectory("dialoghook-chromium"));
        wait = new WebDriverWait(browser, PAGE);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://127.0.0.1:" + domain.adminPort() + "/");
        wait.until(page -> {
            dismissAnyDialog();
            return !page.findElements(By.id("treeForm:tree")).isEmpty();
        });
        screenshot("01-common-tasks");
    }

    @AfterAll
    static void closeTheBrowserAndStopTheDomain() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (domain != null) {
            domain.close();
        }
    }

    /** Step 1: Domain &gt; Password Aliases &gt; New...: the new secret as the alias dialoghook-secret-2. */
    @Test
    @Order(1)
    void theNewSecretIsAPasswordAliasCreatedOnThePasswordAliasesPage() throws IOException, InterruptedException {
        click(By.linkText("Domain"), "Domain Attributes");
        click(By.linkText("Password Aliases"), "Password Aliases");
        screenshot("02-password-aliases");
        click(By.id("propertyForm:aliases:topActionsGroup1:newButton"), "New Password Alias");
        type("propertyForm:propertySheet:propertSectionTextField:aliasNameNew:aliasNameNew", "dialoghook-secret-2");
        type("propertyForm:propertySheet:propertSectionTextField:newPasswordProp:NewPassword", NEW);
        type("propertyForm:propertySheet:propertSectionTextField:confirmPasswordProp:ConfirmPassword", NEW);
        screenshot("03-new-password-alias");
        click(By.id("propertyForm:propertyContentPage:topButtons:newButton"), "Password Aliases");
        wait.until(page -> !page.findElements(By.linkText("dialoghook-secret-2")).isEmpty());
        screenshot("04-password-alias-created");
        assertFalse(browser.getPageSource().contains(NEW), "the console never shows the secret");
        Optional<String> listed = admin("list-password-aliases").output().lines()
                .filter("dialoghook-secret-2"::equals).findFirst();
        assertTrue(listed.isPresent(), "asadmin lists the alias made in the console");
    }

    /**
     * Steps 2 and 3 on Configurations &gt; server-config &gt; MicroProfile &gt; Config &gt; Property: first the
     * previous secret (the old alias), saved, then the secret (the new alias), saved; the new secret is accepted
     * within seconds, the old one still too.
     */
    @Test
    @Order(2)
    void thePropertiesSetOnTheConfigPropertyPageTakeEffectWithoutAReload() throws Exception {
        openConfigProperties();
        screenshot("05-config-properties");
        int previousChanged = domain.logLines("DH-0120", "dialoghook.previous-secret");
        click(By.id("propertyForm:basicTable:topActionsGroup1:addSharedTableButton"), "Property");
        WebElement name = wait.until(page -> propertyNameField("").orElse(null));
        name.sendKeys("dialoghook.previous-secret");
        valueField(name).sendKeys("${ALIAS=dialoghook-secret}");
        screenshot("06-previous-secret-added");
        save();
        screenshot("07-previous-secret-saved");
        Await.until("DH-0120 names dialoghook.previous-secret", CHANGE_TAKES_AT_MOST,
                () -> domain.logLines("DH-0120", "dialoghook.previous-secret") > previousChanged);

        WebElement secretValue = valueField(propertyNameField("dialoghook.secret").orElseThrow(
                () -> new AssertionError("dialoghook.secret is not on the page")));
        assertEquals("${ALIAS=dialoghook-secret}", secretValue.getAttribute("value"));
        secretValue.clear();
        secretValue.sendKeys("${ALIAS=dialoghook-secret-2}");
        save();
        long saved = System.nanoTime();
        screenshot("08-secret-changed-saved");
        long switchMillis = domain.firstAccepted(NEW, saved, CHANGE_TAKES_AT_MOST).toMillis();
        System.out.println("switch time, Admin Console (Save on the Property page): " + switchMillis
                + " ms from the saved page to the first 200");
        assertEquals(200, deliver(OLD).statusCode(), "the old secret is accepted as the previous one");
        assertTrue(domain.domainXml().contains("value=\"${ALIAS=dialoghook-secret-2}\""),
                "domain.xml holds the reference to the new alias");
    }

    /** Step 4: the previous secret deleted on the same page; the old secret is refused, still with no reload. */
    @Test
    @Order(3)
    void deletingThePreviousSecretOnThePageRetiresTheOldSecret() throws Exception {
        openConfigProperties();
        WebElement previous = propertyNameField("dialoghook.previous-secret").orElseThrow(
                () -> new AssertionError("dialoghook.previous-secret is not on the page"));
        int removed = domain.logLines("DH-0120", "dialoghook.previous-secret");
        browser.findElement(By.id(previous.getAttribute("id").replace("col2:col1St", "col1:select"))).click();
        wait.until(page -> page.findElement(By.id("propertyForm:basicTable:topActionsGroup1:button1")).isEnabled());
        screenshot("09-previous-secret-selected");
        browser.findElement(By.id("propertyForm:basicTable:topActionsGroup1:button1")).click();
        wait.until(page -> propertyNameField("dialoghook.previous-secret").isEmpty());
        save();
        screenshot("10-previous-secret-deleted");
        Await.until("DH-0120 names the removed dialoghook.previous-secret", CHANGE_TAKES_AT_MOST,
                () -> domain.logLines("DH-0120", "dialoghook.previous-secret") > removed);
        WebhookIT.assertProblem(deliver(OLD), 401, "invalid-token");
        assertEquals(200, deliver(NEW).statusCode());
    }

    @Test
    @Order(4)
    void theApplicationWasDeployedOnceAndNoSecretIsInTheLog() throws IOException {
        String log = domain.serverLog();
        assertEquals(1, log.lines().filter(line -> line.contains("DH-0300")).count(), "deployed once");
        assertFalse(log.contains(OLD) || log.contains(NEW), "no secret in the server log");
        assertFalse(domain.domainXml().contains(NEW), "domain.xml holds only alias references");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void openConfigProperties() {
        if (browser.findElements(By.linkText("MicroProfile")).stream().noneMatch(WebElement::isDisplayed)) {
            click(By.linkText("server-config"), "Configuration");
        }
        click(By.linkText("MicroProfile"), "Config API");
        click(By.id("propertyForm:microprofileConfigTabs:microProfileConfigPropertyTab"), "Property");
        wait.until(page -> page.findElement(By.id("propertyForm:propertySheet:source:sourceProp:sourceDropDown"))
                .getAttribute("value").equals("domain"));
    }

    private static void save() {
        WebElement save = browser.findElement(By.id("propertyForm:propertyContentPage:topButtons:saveButton"));
        save.click();
        wait.until(ExpectedConditions.stalenessOf(save));
        wait.until(page -> page.getPageSource().contains("New values successfully saved"));
    }

    /** The name field of the property row whose name is the given one ("" for the row just added). */
    private static Optional<WebElement> propertyNameField(String name) {
        List<WebElement> names = browser.findElements(By.cssSelector("input[id$=':col2:col1St']"));
        return names.stream().filter(field -> name.equals(field.getAttribute("value"))).findFirst();
    }

    private static WebElement valueField(WebElement nameField) {
        return browser.findElement(By.id(nameField.getAttribute("id").replace(":col2:", ":col3:")));
    }

    /** Clicks, then waits for the page (the console swaps its content in place) to carry the title. */
    private static void click(By element, String title) {
        wait.until(page -> page.findElement(element).isDisplayed());
        browser.findElement(element).click();
        wait.until(page -> {
            dismissAnyDialog();
            return title.equals(page.getTitle());
        });
    }

    private static void type(String id, String text) {
        WebElement field = wait.until(page -> page.findElement(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    /** An empty domain may greet with a notice or registration prompt: accept any JavaScript dialog. */
    private static void dismissAnyDialog() {
        try {
            browser.switchTo().alert().accept();
        } catch (NoAlertPresentException none) {
            // nothing to dismiss
        }
    }

    private static void screenshot(String name) throws IOException {
        Path folder = Path.of(System.getProperty("dialoghook.it.reports", "target/failsafe-reports"),
                "payara-console-screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static HttpResponse<String> deliver(String secret) {
        return domain.deliver(DeliverySigner.withSecret(secret).handler("echo").sign());
    }

    private static PayaraServerDomain.Run admin(String... arguments) throws IOException, InterruptedException {
        PayaraServerDomain.Run run = domain.admin(arguments);
        assertEquals(0, run.exitCode(), () -> String.join(" ", arguments) + " failed:\n" + run.output());
        return run;
    }
}
