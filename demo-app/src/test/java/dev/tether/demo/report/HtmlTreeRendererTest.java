package dev.tether.demo.report;

import static dev.tether.demo.report.TreeFixtures.allowed;
import static dev.tether.demo.report.TreeFixtures.issuance;
import static dev.tether.demo.report.TreeFixtures.ok;
import static dev.tether.demo.report.TreeFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.demo.agent.CallRecord;
import dev.tether.demo.agent.Outcome;
import dev.tether.demo.agent.S3Operations;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.ChainLink;
import dev.tether.vault.Issuance;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The HTML page, read back with the JDK's XML parser (the renderer writes well-formed markup): its
 * structure is the derivation tree, and every value in it stays text.
 */
class HtmlTreeRendererTest {

  private static final String HOSTILE = "<b id=\"x\">Tom & 'Jerry'</b><script>alert(1)</script>";
  private static final Set<String> PAGE_ELEMENTS = Set.of(
      "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "code", "main", "ul",
      "li", "details", "summary", "span", "table", "thead", "tbody", "tr", "th", "td", "div",
      "footer", "script");

  private final XPath xpath = XPathFactory.newInstance().newXPath();

  @Test
  void theTreeIsNestedListsOfTurnsToolCallsAndSteps() throws Exception {
    DemoReport report = TreeFixtures.attachedReport();
    Document page = parse(HtmlTreeRenderer.render(report));

    assertThat(text(page, "/html/head/title")).isEqualTo("Tether demo: task t-demo-1");
    assertThat(text(page, "//h1/code[@class='task-id']")).isEqualTo("t-demo-1");
    Element body = (Element) node(page, "/html/body");
    assertThat(body.getAttribute("data-tool-calls")).isEqualTo("3");
    assertThat(body.getAttribute("data-steps")).isEqualTo("7");
    assertThat(text(page, "//p[@id='verdict']")).isEqualTo("✔ verdict: 7/7 calls as expected");
    assertThat(attribute(page, "//p[@id='verdict']", "class")).contains("as-expected");
    assertThat(text(page, "//p[@class='explanation']")).startsWith("the Vault issued 2 credential(s)");

    // Turns, then the steps outside any tool, each a branch of the one tree.
    assertThat(texts(page, "//ul[@id='tree']/li/details/summary"))
        .containsExactly("turn 1: understand", "turn 2: fix", "outside any tool");
    assertThat(attributes(page, "//ul[@id='tree']/li" + withClass("turn")
            + "/details/ul/li" + withClass("tool-call"), "data-tool"))
        .containsExactly("fetchSources", "writePatch", "openPullRequest");
    assertThat(nodes(page, "//li" + withClass("tool-call"))).hasSize(3);

    // The tool call with the key it used, as the text tree shows it, and its token's layers.
    String fetch = "//li[@data-tool='fetchSources']/details";
    assertThat(text(page, fetch + "/summary/code[@class='tool-name']")).isEqualTo("fetchSources");
    assertThat(text(page, fetch + "/summary/span[@class='key-note']"))
        .isEqualTo("(key ASIA…0001, issued by the Vault for this call, call-1)");
    assertThat(text(page, fetch + "/summary/span[@class='refusals']")).isEqualTo("1 refused");
    assertThat(texts(page, fetch + "/table/tbody/tr/td[2]"))
        .containsExactly("grant", "task", "turn", "tool");
    assertThat(texts(page, "//li[@data-tool='openPullRequest']/details/summary/span[@class='key-note']"))
        .containsExactly("(HTTP only: no AWS credentials)");
    assertThat(nodes(page, "//li[@data-tool='openPullRequest']//table")).isEmpty();

    // Every step once, in the report's order; refusals marked and explained, allowed calls not.
    assertThat(texts(page, "//li" + withClass("step") + "/code[@class='target']"))
        .containsExactly("src/acme/widgets/Main.java", "src acme/widgets/", "secrets/prod/db",
            "patches/t-demo-1/fix.diff", "127.0.0.1:8080/repos/acme/widgets/pulls",
            "localhost:8080/paste");
    assertThat(texts(page, fetch + "/ul[@class='steps']/li/span[@class='outcome']"))
        .containsExactly("ALLOWED", "ALLOWED", "REFUSED");
    List<Node> refusedSteps = nodes(page, "//li[@data-outcome='REFUSED']");
    assertThat(refusedSteps).hasSize(3).allSatisfy(step -> {
      assertThat(((Element) step).getAttribute("class")).isEqualTo("step refused");
      assertThat(nodes(step, "div[@class='detail']")).hasSize(1);
    });
    assertThat(nodes(page, "//li[@data-outcome='ALLOWED']")).hasSize(4).allSatisfy(step -> {
      assertThat(((Element) step).getAttribute("class")).isEqualTo("step allowed");
      assertThat(nodes(step, "div")).isEmpty();
    });
    assertThat(text(page, "//li[@data-outcome='REFUSED'][code[@class='target']='localhost:8080/paste']"
            + "/div[@class='detail']"))
        .isEqualTo("Tether refused a request to localhost (<classpath:tether.yaml>)");
    assertThat(texts(page, "//li" + withClass("outside-tools") + "/details/ul/li/code[@class='operation']"))
        .containsExactly("ResolveCredentials");
    assertThat(texts(page, "//span" + withClass("verdict"))).hasSize(7).containsOnly("✔ expected");
  }

  @Test
  void everyValueStaysTextEvenWhenItLooksLikeMarkup() throws Exception {
    String tool = "tool" + HOSTILE;
    Issuance issuance = issuance("ASIAHOSTILE000000001", tool, "call-" + HOSTILE);
    Issuance hostileLayers = new Issuance(
        issuance.issuanceId(), issuance.accessKeyId(), issuance.taskId(), issuance.userId(),
        issuance.repo(), tool, issuance.callId(), null, "{}", issuance.sessionTags(),
        issuance.sourceIdentity(), issuance.roleSessionName(), issuance.issuedAt(),
        issuance.expiration(), issuance.chain(), issuance.delegation(),
        List.of(new ChainLink("grant", "g-" + HOSTILE, "orchestrator:" + HOSTILE,
            List.of(tool), List.of("acme/" + HOSTILE), 0, 60)));
    CallRecord read = new CallRecord(1, tool, "why: " + HOSTILE, S3Operations.GET_OBJECT,
        "bucket&co", "key/" + HOSTILE, Outcome.ALLOWED, Outcome.ALLOWED, "ok");
    CallRecord failed = new CallRecord(1, tool, "step", S3Operations.GET_OBJECT, "b", "k",
        Outcome.ALLOWED, Outcome.FAILED, "S3 said: " + HOSTILE);
    DemoReport report = new DemoReport(
        new DemoTask("t-" + HOSTILE, "alice" + HOSTILE, "acme/" + HOSTILE),
        true,
        List.of("turn 1: " + HOSTILE),
        List.of(
            new CallVerdict(read,
                List.of(new ReceivedRequest("ASIAHOSTILE000000001", "bucket&co", "key/" + HOSTILE,
                    Instant.EPOCH, true)),
                List.of(hostileLayers), Verdict.OK, ""),
            new CallVerdict(failed, List.of(), List.of(), Verdict.MISMATCH,
                "it failed: " + HOSTILE)),
        List.of(hostileLayers),
        List.of(),
        "AKIA" + HOSTILE);

    String html = HtmlTreeRenderer.render(report);
    Document page = parse(html);

    assertThat(html).doesNotContain(HOSTILE).doesNotContain("<b ").doesNotContain("alert(1)</script>");
    List<String> elements = new ArrayList<>();
    for (Node element : nodes(page, "//*")) {
      elements.add(element.getNodeName());
    }
    assertThat(elements).allMatch(PAGE_ELEMENTS::contains);
    assertThat(nodes(page, "//script")).hasSize(1);
    assertThat(nodes(page, "//*[@id='x']")).isEmpty();

    assertThat(text(page, "/html/head/title")).isEqualTo("Tether demo: task t-" + HOSTILE);
    assertThat(text(page, "//h1/code[@class='task-id']")).isEqualTo("t-" + HOSTILE);
    assertThat(text(page, "//ul[@id='tree']/li/details/summary")).isEqualTo("turn 1: " + HOSTILE);
    assertThat(attribute(page, "//li" + withClass("tool-call"), "data-tool")).isEqualTo(tool);
    assertThat(text(page, "//code[@class='tool-name']")).isEqualTo(tool);
    assertThat(text(page, "//span[@class='key-note']"))
        .isEqualTo("(key ASIA…0001, issued by the Vault for this call, call-<b id=\"x…)");
    assertThat(texts(page, "//table/tbody/tr/td"))
        .containsExactly("1", "grant", "g-" + HOSTILE, "orchestrator:" + HOSTILE, tool,
            "acme/" + HOSTILE, "60 s");
    assertThat(attribute(page, "//li[@data-outcome='ALLOWED']", "title")).isEqualTo("why: " + HOSTILE);
    assertThat(text(page, "//li[@data-outcome='ALLOWED']/code[@class='target']"))
        .isEqualTo("bucket&co/key/" + HOSTILE);
    assertThat(attribute(page, "//li[@data-outcome='FAILED']", "class")).isEqualTo("step failed");
    assertThat(text(page, "//li[@data-outcome='FAILED']/div[@class='detail']"))
        .isEqualTo("S3 said: " + HOSTILE);
    assertThat(text(page, "//li[@data-outcome='FAILED']/span" + withClass("verdict")))
        .isEqualTo("✘ it failed: " + HOSTILE);
  }

  @Test
  void aRunWithoutTetherSaysWhatWentThroughAndWhatToDo() throws Exception {
    CallRecord secret = new CallRecord(1, "fetchSources", "step", S3Operations.GET_OBJECT,
        "secrets", "prod/db", Outcome.REFUSED, Outcome.ALLOWED, "ok");
    DemoReport report = TreeFixtures.report(false, List.of(
        ok(allowed(1, "fetchSources", S3Operations.GET_OBJECT, "src", "a")),
        new CallVerdict(secret, List.of(), List.of(), Verdict.UNENFORCED, "")), List.of());

    Document page = parse(HtmlTreeRenderer.render(report));

    assertThat(text(page, "//p[@id='verdict']")).isEqualTo("✘ verdict: 1/2 calls as expected");
    assertThat(attribute(page, "//p[@id='verdict']", "class")).contains("not-as-expected");
    assertThat(text(page, "//p[@class='explanation']"))
        .startsWith("Tether is not attached: 1 calls that it would refuse went through");
    assertThat(text(page, "//p[@class='hint']"))
        .isEqualTo("run the demo with -javaagent:tether-agent.jar to see them refused");
    assertThat(text(page, "//li[@data-verdict='UNENFORCED']/span[@class='verdict unenforced']"))
        .isEqualTo("✘ UNENFORCED (Tether would refuse this)");
    assertThat(nodes(page, "//li[@data-outcome='REFUSED']")).isEmpty();
  }

  @Test
  void thePageLoadsNothingFromAnywhereElse() throws Exception {
    String html = HtmlTreeRenderer.render(TreeFixtures.attachedReport());
    Document page = parse(html);

    assertThat(attribute(page, "//meta[@http-equiv='Content-Security-Policy']", "content"))
        .startsWith("default-src 'none';");
    assertThat(nodes(page, "//*[@src or @href or @srcset or @action]")).isEmpty();
    assertThat(nodes(page, "//script")).singleElement()
        .satisfies(script -> assertThat(script.getTextContent()).contains("data-rendered-tool-calls"));
    assertThat(nodes(page, "//style")).hasSize(1);
    assertThat(html).doesNotContain("url(", "@import", "http:", "https:", "//");
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static String withClass(String name) {
    return "[contains(concat(' ', normalize-space(@class), ' '), ' " + name + " ')]";
  }

  private List<Node> nodes(Object context, String expression) throws Exception {
    NodeList list = (NodeList) xpath.evaluate(expression, context, XPathConstants.NODESET);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      nodes.add(list.item(i));
    }
    return nodes;
  }

  private Node node(Object context, String expression) throws Exception {
    List<Node> nodes = nodes(context, expression);
    assertThat(nodes).as(expression).hasSize(1);
    return nodes.get(0);
  }

  private String text(Object context, String expression) throws Exception {
    return node(context, expression).getTextContent();
  }

  private List<String> texts(Object context, String expression) throws Exception {
    List<String> texts = new ArrayList<>();
    for (Node node : nodes(context, expression)) {
      texts.add(node.getTextContent());
    }
    return texts;
  }

  private String attribute(Object context, String expression, String name) throws Exception {
    return ((Element) node(context, expression)).getAttribute(name);
  }

  private List<String> attributes(Object context, String expression, String name)
      throws Exception {
    List<String> values = new ArrayList<>();
    for (Node node : nodes(context, expression)) {
      values.add(((Element) node).getAttribute(name));
    }
    return values;
  }
}
