package dev.tether.agent.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tether.agent.internal.config.yaml.YamlException;
import dev.tether.agent.internal.config.yaml.YamlParser;
import dev.tether.core.scope.TaskIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the configuration reader (docs/fuzzing.md): {@link YamlParser} and {@link
 * ConfigLoader#parse}. Whatever the text, reading it gives a configuration (whose summary renders)
 * or problems located inside the file, never another exception; CRLF line breaks and a byte order
 * mark change nothing.
 *
 * <p>Without {@code JAZZER_FUZZ} it runs once per seed in {@code ConfigFuzzTestInputs/readConfig/}
 * (the repository's example files among them); {@code bin/fuzz} fuzzes it. {@link
 * ConfigRobustnessTest} checks the same property on fixed mutations.
 */
// Per input. Jazzer also hands it to libFuzzer as -timeout, so a hang is a finding when fuzzing.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConfigFuzzTest {

  private static final String SOURCE = "fuzz.yaml";
  private static final TaskIdentity IDENTITY = new TaskIdentity("t-1", "u", "r");

  /**
   * Any Java text: the provider decodes its bytes as modified UTF-8, so a plain UTF-8 seed file
   * reads as its own text, and mutations reach control characters and unpaired surrogates.
   */
  @FuzzTest
  void readConfig(FuzzedDataProvider data) {
    String yaml = data.consumeRemainingAsString();
    List<String> lines = lines(yaml);
    String outcome = read(yaml, lines);
    if (yaml.indexOf('\r') < 0) {
      assertEquals(outcome, read(yaml.replace("\n", "\r\n"), lines), "CRLF reads differently");
    }
    if (!yaml.startsWith("\uFEFF")) {
      assertEquals(outcome, read("\uFEFF" + yaml, lines), "a byte order mark changes the reading");
    }
  }

  /** The rendered summary, or the problems; checks that each problem is inside the file. */
  private static String read(String yaml, List<String> lines) {
    YamlException syntax = null;
    try {
      YamlParser.parse(yaml);
    } catch (YamlException e) {
      syntax = e;
      assertNotNull(e.getMessage());
      checkLocation(e.line(), e.column(), lines, e.getMessage());
    }
    TetherConfig config;
    try {
      config = ConfigLoader.parse(yaml, SOURCE);
    } catch (ConfigException e) {
      if (syntax != null) {
        assertEquals(
            List.of(YamlSyntaxProblems.of(SOURCE, syntax)), e.problems(), "syntax error differs");
      }
      for (ConfigProblem problem : e.problems()) {
        checkProblem(problem, lines);
      }
      return e.getMessage();
    }
    assertNull(syntax, "ConfigLoader read a file that YamlParser refuses");
    StringBuilder outcome = new StringBuilder();
    for (TaskIdentity identity : new TaskIdentity[] {IDENTITY, null}) {
      ConfigReport.Result report = ConfigReport.render(config, identity, "given");
      outcome.append(report.text());
      for (ConfigProblem problem : report.problems()) {
        checkProblem(problem, lines);
        outcome.append(problem).append('\n');
      }
    }
    return outcome.toString();
  }

  private static void checkProblem(ConfigProblem problem, List<String> lines) {
    assertEquals(SOURCE, problem.source());
    assertFalse(problem.message().isBlank(), "problem without a message");
    checkLocation(problem.line(), problem.column(), lines, problem.toString());
  }

  /** Line 1 to the last line; column 0 (unknown) or 1 to one past the line's last character. */
  private static void checkLocation(int line, int column, List<String> lines, String problem) {
    assertTrue(line >= 1 && line <= lines.size(), "line outside the file: " + problem);
    String text = lines.get(line - 1);
    int lastColumn = text.codePointCount(0, text.length()) + 1;
    assertTrue(column >= 0 && column <= lastColumn, "column outside the line: " + problem);
  }

  /** The lines as the parser numbers them: broken at \n, \r\n and \r, after a leading BOM. */
  private static List<String> lines(String yaml) {
    String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
    return lines;
  }
}
