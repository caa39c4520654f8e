package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's {@code --html} page as a person sees it: the demo runs with the real agent and writes
 * the page, headless Chromium opens it, and the test reads the DOM Chromium built and its
 * screenshot. The page's own script counts the tool calls and steps that got a height on screen;
 * those counts must equal the report's, so a page that parses but does not render fails.
 */
class DemoHtmlIT {

  /** Where the page, Chromium's DOM and the screenshot stay for a person to look at. */
  private static final Path OUTPUT = Paths.get("target", "demo-html-it");

  private static final Pattern STEP = Pattern.compile(
      "<li class=\"step ([a-z]+)\" data-outcome=\"([A-Z]+)\" data-verdict=\"([A-Z]+)\"[^>]*>(.*?)</li>",
      Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void chromiumRendersTheDemoTreeWithEveryToolCallAndTheRefusalsMarked() throws Exception {
    HeadlessChromium.requireInstalled();
    Path page = dir.resolve("demo tree.html");
    Path reportFile = dir.resolve("report.json");
    ForkedJvm.Result demo = new ForkedJvm(ForkedJvm.javaHomes().get(0))
        .runJar(ForkedJvm.DEMO_JAR, "--report", reportFile.toString(), "--html", page.toString());
    assertThat(demo.exitCode()).as(demo.all()).isZero();
    JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
    Files.createDirectories(OUTPUT);
    Files.copy(page, OUTPUT.resolve("demo-tree.html"), StandardCopyOption.REPLACE_EXISTING);

    HeadlessChromium chromium = new HeadlessChromium(dir);
    HeadlessChromium.Run dump = chromium.dumpDom(page);
    assertThat(dump.exitCode()).as(dump.all()).isZero();
    String dom = dump.stdout();
    Files.writeString(OUTPUT.resolve("demo-tree.dom.html"), dom, StandardCharsets.UTF_8);
    System.out.printf("DemoHtmlIT: demo %d ms, chromium --dump-dom %d ms%n",
        demo.elapsed().toMillis(), dump.elapsed().toMillis());

    // What the browser laid out, measured by the page's script: every tool call and every step.
    assertThat(attributeOfBody(dom, "data-rendered-tool-calls")).as(dom)
        .isEqualTo(String.valueOf(toolCalls(report)));
    assertThat(attributeOfBody(dom, "data-rendered-steps")).as(dom)
        .isEqualTo(String.valueOf(report.get("calls").size()));
    assertThat(dom).contains(">expand all</button>");

    assertThat(dom).contains("<code class=\"task-id\">" + report.get("task").get("id").asText() + "</code>");
    Set<String> tools = toolNames(report);
    assertThat(tools).as("the demo's tools").hasSize(5);
    for (String tool : tools) {
      assertThat(dom).contains("data-tool=\"" + tool + "\"", "<code class=\"tool-name\">" + tool + "</code>");
    }
    String verdictLine = "verdict: 12/12 calls as expected";
    assertThat(demo.stdout()).contains(verdictLine);
    assertThat(dom).contains("<p id=\"verdict\" class=\"verdict-line as-expected\">✔ " + verdictLine + "</p>");

    // Each step once, marked with what happened to it; the refused ones are marked refused.
    List<String[]> steps = new ArrayList<>();
    Matcher matcher = STEP.matcher(dom);
    while (matcher.find()) {
      steps.add(new String[] {matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)});
    }
    assertThat(steps).hasSize(report.get("calls").size());
    int refused = 0;
    for (JsonNode call : report.get("calls")) {
      String outcome = call.get("outcome").asText();
      String marker = ">" + target(call) + "</code>";
      List<String[]> shown = steps.stream().filter(s -> s[3].contains(marker)).toList();
      assertThat(shown).as("the page shows %s once", marker).hasSize(1);
      String[] step = shown.get(0);
      assertThat(step[1]).as(marker).isEqualTo(outcome);
      assertThat(step[0]).as(marker).isEqualTo(outcome.toLowerCase());
      assertThat(step[2]).as(marker).isEqualTo("OK");
      if (outcome.equals("REFUSED")) {
        refused++;
        assertThat(step[3]).contains("<span class=\"outcome\">REFUSED</span>", "<div class=\"detail\">Tether refused");
      }
    }
    assertThat(refused).as("the demo's refusals: three in tools, two outside any tool").isEqualTo(5);
    // Exception messages that hold markup stayed text: Chromium made no element of them.
    assertThat(dom).contains("(&lt;classpath:tether.yaml&gt;").doesNotContain("<classpath");

    Path png = OUTPUT.resolve("demo-tree.png");
    Files.deleteIfExists(png);
    HeadlessChromium.Run shot = chromium.screenshot(page, png, 1280, 1800);
    System.out.printf("DemoHtmlIT: chromium --screenshot %d ms%n", shot.elapsed().toMillis());
    assertThat(shot.exitCode()).as(shot.all()).isZero();
    assertThat(png).as(shot.all()).exists();
    assertThat(Files.size(png)).as("a screenshot of the whole tree, not a blank page").isGreaterThan(50_000);
    BufferedImage image = Objects.requireNonNull(ImageIO.read(png.toFile()), "not a PNG: " + png);
    assertThat(image.getWidth()).isEqualTo(1280);
    // Refused steps sit on their own background colour: they are visibly different.
    assertThat(pixels(image, 0xfdecea)).as("pixels of the refused steps' background").isGreaterThan(10_000);
  }

  /** The tool calls in the report: runs of steps of one tool within a turn, as the tree groups them. */
  private static int toolCalls(JsonNode report) {
    int count = 0;
    String previous = null;
    for (JsonNode call : report.get("calls")) {
      String tool = call.get("tool").isNull() ? null : call.get("turn").asInt() + "/" + call.get("tool").asText();
      if (tool != null && !tool.equals(previous)) {
        count++;
      }
      previous = tool;
    }
    return count;
  }

  private static Set<String> toolNames(JsonNode report) {
    Set<String> tools = new LinkedHashSet<>();
    report.get("calls").forEach(call -> {
      if (!call.get("tool").isNull()) {
        tools.add(call.get("tool").asText());
      }
    });
    return tools;
  }

  /** What the page shows a step addressed: {@code bucket/key}, {@code bucket prefix}, or the operation. */
  private static String target(JsonNode call) {
    String operation = call.get("operation").asText();
    if (call.get("bucket").isNull()) {
      return operation;
    }
    String bucket = call.get("bucket").asText();
    if (call.get("key").isNull()) {
      return bucket;
    }
    return bucket + (operation.equals("ListObjectsV2") ? " " : "/") + call.get("key").asText();
  }

  private static String attributeOfBody(String dom, String name) {
    Matcher body = Pattern.compile("<body[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
    return body.find() ? body.group(1) : null;
  }

  private static int pixels(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          count++;
        }
      }
    }
    return count;
  }
}
