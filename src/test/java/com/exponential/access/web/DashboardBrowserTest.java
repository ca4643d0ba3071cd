package com.exponential.access.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.exponential.access.support.BrowserSession;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person in a real Chromium: sign up, create a JWT, use it, revoke it, and see it stop working. */
@QuarkusTest
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startChromium() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Chromium (apt-get install chromium chromium-driver)").exists();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signUpCreateJwtUseItRevokeItAndSeeItFail() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(url("/signup"));
        browser.findElement(By.name("name")).sendKeys("Browser Person");
        browser.findElement(By.name("email")).sendKeys(BrowserSession.uniqueEmail());
        browser.findElement(By.name("password")).sendKeys("a long enough password");
        browser.findElement(By.cssSelector("form[action='/signup'] button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/tokens"));

        browser.findElement(By.linkText("Create API Key")).click();
        browser.findElement(By.name("name")).sendKeys("My script");
        new Select(browser.findElement(By.name("type"))).selectByValue("JWT");
        new Select(browser.findElement(By.name("expiresIn"))).selectByValue("1h");
        browser.findElement(By.name("description")).sendKeys("reads my account");
        browser.findElement(By.cssSelector("form[action='/tokens'] button[type=submit]")).click();

        String jwt = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-value"))).getText().trim();
        screenshot("reveal");
        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo("Browser Person"));

        browser.findElement(By.linkText("Done")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-token-id]")));
        screenshot("tokens");
        browser.findElement(By.cssSelector("tr[data-token-id] button[title^='Revoke']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Token revoked"));
        assertThat(browser.findElements(By.cssSelector("tr[data-token-id]"))).isEmpty();

        given().auth().oauth2(jwt).get("/api/v1/me").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(shot, Path.of("target", "screenshots", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
