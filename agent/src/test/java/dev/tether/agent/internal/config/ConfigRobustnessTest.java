package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tether.agent.internal.config.yaml.YamlException;
import dev.tether.agent.internal.config.yaml.YamlMutations;
import dev.tether.agent.internal.config.yaml.YamlParser;
import dev.tether.core.scope.TaskIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever the file holds, reading it either succeeds or fails with located problems: never another
 * exception, never a stack overflow, never a hang. The timeout is a guard against a parser loop,
 * not a speed check: the inputs take a few seconds.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConfigRobustnessTest {

  private static final long SEED = 20240611L;

  @Test
  void mutatedExampleFilesGiveAConfigOrProblems() {
    List<String> inputs = YamlMutations.mutants(SEED, 20_000);
    int valid = checkAll(inputs);

    // The mutations must exercise both outcomes, or the test proves little.
    assertThat(valid).isBetween(1_000, 19_000);
  }

  @Test
  void randomTextGivesAConfigOrProblems() {
    checkAll(YamlMutations.noise(SEED, 5_000));
  }

  @Test
  void everyPrefixOfTheSeedsGivesAConfigOrProblems() {
    List<String> prefixes = new ArrayList<>();
    for (String seed : YamlMutations.seeds()) {
      for (int end = 0; end <= seed.length(); end++) {
        prefixes.add(seed.substring(0, end));
      }
    }
    checkAll(prefixes);
  }

  @Test
  void pathologicalShapesGiveProblems() {
    int n = 200_000;
    List<String> inputs =
        List.of(
            "[".repeat(n),
            "{".repeat(n),
            "[".repeat(n) + "]".repeat(n),
            "a: " + "{k: ".repeat(n),
            "- ".repeat(n),
            "-\n".repeat(n),
            "a:\n".repeat(n),
            "\"" + "\\".repeat(n),
            "a: '" + "''".repeat(n),
            " ".repeat(n) + "a: 1\nb: 2",
            "#".repeat(YamlParser.MAX_CHARS + 1),
            "tools:\n" + "  - name: t\n    boundary: a.B#c\n".repeat(2_000));
    StringBuilder staircase = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      staircase.append(" ".repeat(i)).append("k:\n");
    }
    List<String> all = new ArrayList<>(inputs);
    all.add(staircase.toString());
    assertThat(checkAll(all)).isZero();
  }

  /** Reads every input; returns how many were valid configurations. */
  private static int checkAll(List<String> inputs) {
    int valid = 0;
    for (String input : inputs) {
      if (check(input)) {
        valid++;
      }
    }
    return valid;
  }

  private static boolean check(String yaml) {
    try {
      YamlParser.parse(yaml);
    } catch (YamlException e) {
      // refused: fine
    } catch (Throwable t) {
      fail("YamlParser threw " + t + " for:\n" + shown(yaml), t);
    }
    try {
      TetherConfig config = ConfigLoader.parse(yaml, "t.yaml");
      ConfigReport.render(config, new TaskIdentity("t-1", "u", "r"), "given");
      return true;
    } catch (ConfigException e) {
      long lines = yaml.lines().count() + 1;
      for (ConfigProblem problem : e.problems()) {
        if (problem.line() < 0 || problem.line() > lines || problem.column() < 0) {
          fail("problem outside the file: " + problem + " in:\n" + shown(yaml));
        }
      }
      return false;
    } catch (Throwable t) {
      fail("ConfigLoader threw " + t + " for:\n" + shown(yaml), t);
      return false;
    }
  }

  private static String shown(String yaml) {
    String text = yaml.length() > 2_000 ? yaml.substring(0, 2_000) + "..." : yaml;
    return text.replace("\t", "\\t").replace("\r", "\\r");
  }
}
