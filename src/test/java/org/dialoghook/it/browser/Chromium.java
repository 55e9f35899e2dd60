package org.dialoghook.it.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its driver for the browser tests, installed with apt-get when missing (as root,
 * as on the project's machines), and started with nothing that reaches out of the machine.
 */
public final class Chromium {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * Starts a headless Chromium with a fresh profile.
     *
     * @param profile an empty folder for the browser's profile
     * @return the driver; quit it when done
     */
    public static ChromeDriver start(Path profile) throws IOException, InterruptedException {
        installWhenMissing();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void installWhenMissing() throws IOException, InterruptedException {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        System.out.println("Chromium is not installed: installing Debian's packages (apt-get update; "
                + "apt-get install -y chromium chromium-driver)");
        run(List.of("apt-get", "update"));
        run(List.of("apt-get", "install", "-y", "chromium", "chromium-driver"));
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IOException("chromium and chromedriver are still missing; install Debian's chromium and "
                    + "chromium-driver and run again");
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder process = new ProcessBuilder(command).inheritIO();
        process.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process started = process.start();
        if (!started.waitFor(15, TimeUnit.MINUTES) || started.exitValue() != 0) {
            started.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
