package dev.tether.demo.report;

/**
 * The report's conclusion, in words: the verdict line, what it means, and what to do about it.
 *
 * @param verdictLine {@code verdict: 12/12 calls as expected}
 * @param allAsExpected whether every step went as expected
 * @param explanation why the rest were not, or what the Vault issued; null when there is nothing
 *     to say
 * @param hint what to do next; null when nothing
 */
public record VerdictSummary(
    String verdictLine, boolean allAsExpected, String explanation, String hint) {

  public static VerdictSummary of(DemoReport report) {
    String verdictLine =
        "verdict: " + report.matched() + "/" + report.expectedCount() + " calls as expected";
    if (!report.agentAttached()) {
      return new VerdictSummary(
          verdictLine,
          report.allAsExpected(),
          "Tether is not attached: "
              + report.unenforced()
              + " calls that it would refuse went through, with the runtime's broad credentials"
              + " (the platform key "
              + AccessKeys.abbreviate(report.platformAccessKeyId())
              + ", the code host token)",
          "run the demo with -javaagent:tether-agent.jar to see them refused");
    }
    if (report.allAsExpected()) {
      return new VerdictSummary(
          verdictLine,
          true,
          "the Vault issued "
              + report.issuances().size()
              + " credential(s); each tool call used its own, and nothing outside a tool got one",
          null);
    }
    return new VerdictSummary(verdictLine, false, null, null);
  }
}
