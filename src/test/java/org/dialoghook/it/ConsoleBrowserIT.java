package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dialoghook.it.browser.Chromium;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The development console driven in headless Chromium, as a handler author uses it: compose and send a delivery
 * and see its reply rendered as the bot shows it, watch a delivery sent from outside the page arrive in the history,
 * and replay one as it was and re-signed. Screenshots land in the test reports ({@code console-screenshots/}).
 */
class ConsoleBrowserIT extends WebhookIT {

    private ChromeDriver browser;
    private WebDriverWait wait;

    @Deployment
    static WebArchive deployment() {
        return ConsoleIT.withConsole("browser", true);
    }

    @BeforeEach
    void openBrowser() throws IOException, InterruptedException {
        browser = Chromium.start(Files.createTempDirectory("dialoghook-chromium"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(uri("/dialoghook/console").toString());
        wait.until(page -> page.findElement(By.id("status")).getText().contains("registered"));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    private void screenshot(String name) throws IOException {
        Path folder = Path.of(System.getProperty("dialoghook.it.reports", "target/failsafe-reports"),
                "console-screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private List<WebElement> historyRows() {
        return browser.findElements(By.cssSelector("#deliveries tbody tr"));
    }

    @Test
    void aComposedDeliveryIsRenderedAsTheBotShowsIt() throws IOException {
        assertFalse(browser.findElements(By.cssSelector("#handlers tr[data-handler='showcase']")).isEmpty(),
                "the handler is listed");
        new Select(browser.findElement(By.id("compose-handler"))).selectByValue("showcase");
        WebElement answer = browser.findElement(By.cssSelector("#compose-form tbody tr td:nth-child(2) input"));
        answer.clear();
        answer.sendKeys("Grace");
        browser.findElement(By.id("compose-send")).click();

        wait.until(page -> page.findElement(By.id("detail")).isDisplayed()
                && page.findElement(By.id("detail-title")).getText().contains("showcase"));
        WebElement rendered = browser.findElement(By.id("rendered"));
        List<WebElement> bubbles = rendered.findElements(By.cssSelector(".bubble"));
        assertEquals("Hello, Grace!", bubbles.get(0).getText());
        List<WebElement> buttons = rendered.findElements(By.cssSelector(".button"));
        assertEquals(2, buttons.size());
        assertTrue(buttons.get(0).getText().contains("Prices") && buttons.get(0).getText().contains("64a0c0ffee0000000000a001"));
        assertEquals("a kettle", rendered.findElement(By.tagName("img")).getAttribute("alt"));
        List<WebElement> chips = rendered.findElements(By.cssSelector(".chip"));
        assertTrue(chips.get(0).getText().contains("64a0c0ffee0000000000beef"), chips.get(0).getText());
        assertTrue(chips.get(1).getText().contains("greeted") && chips.get(1).getText().contains("Grace"));
        assertTrue(browser.findElement(By.id("token")).getText().contains("\"jti\""), "the claims are shown");
        assertEquals(200, Integer.parseInt(historyRows().get(0).findElements(By.tagName("td")).get(4).getText()));
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("detail")));
        screenshot("01-composed-and-rendered");
    }

    @Test
    void aDeliveryFromOutsideThePageArrivesAndReplaysBothWays() throws IOException {
        int before = historyRows().size();
        assertEquals(200, deliver(signer().handler("count").sign()).statusCode());
        wait.until(page -> historyRows().size() == before + 1);
        WebElement arrived = historyRows().get(0);
        assertEquals("count", arrived.findElements(By.tagName("td")).get(3).getText());
        assertEquals("answered", arrived.findElements(By.tagName("td")).get(5).getText());
        screenshot("02-history");

        arrived.click();
        wait.until(page -> page.findElement(By.id("detail-title")).getText().contains("count"));
        browser.findElement(By.id("replay-same")).click();
        wait.until(page -> historyRows().size() == before + 2);
        assertEquals("redelivery", historyRows().get(0).findElements(By.tagName("td")).get(5).getText());

        browser.findElement(By.id("replay-resigned")).click();
        wait.until(page -> historyRows().size() == before + 3);
        assertEquals("answered", historyRows().get(0).findElements(By.tagName("td")).get(5).getText());
        historyRows().get(0).click();
        wait.until(page -> page.findElement(By.id("rendered")).getText().contains("run "));
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("detail")));
        screenshot("03-replayed");
    }

    @Test
    void aTranscriptRunShowsTheReplyThatDiffers() throws IOException, InterruptedException {
        int before = historyRows().size();
        assertEquals(200, deliver(signer().handler("showcase").formValue("name", "Ada").sign()).statusCode());
        assertEquals(200, deliver(signer().handler("count").sign()).statusCode());
        wait.until(page -> historyRows().size() == before + 2);
        String ids = historyRows().get(1).getAttribute("data-delivery") + "," + historyRows().get(0)
                .getAttribute("data-delivery");
        Path file = Files.createTempFile("transcript", ".json");
        Files.writeString(file, get("/dialoghook/console/transcript?ids=" + ids).body());

        browser.findElement(By.id("transcript-file")).sendKeys(file.toAbsolutePath().toString());
        wait.until(page -> page.findElement(By.id("transcript-status")).getText().contains("1 reply differs"));
        List<WebElement> steps = browser.findElements(By.cssSelector("#transcript-results tbody tr"));
        assertEquals(2, steps.size());
        assertEquals("same", steps.get(0).getAttribute("class"), "showcase answered as recorded");
        assertEquals("failed", steps.get(1).getAttribute("class"), "count counted on");
        assertTrue(steps.get(1).getText().contains("recorded:") && steps.get(1).getText().contains("now:"));
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("transcript-results")));
        screenshot("04-transcript");
    }
}
