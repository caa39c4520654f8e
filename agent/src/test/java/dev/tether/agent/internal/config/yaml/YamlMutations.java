package dev.tether.agent.internal.config.yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic broken variants of real configuration files: each is a seed file with one to four
 * small edits (a character deleted, inserted, swapped or replaced, a line re-indented, duplicated,
 * deleted or moved, the text cut short, or a YAML construct dropped in).
 */
public final class YamlMutations {

  /** The configuration files shipped in the repository, relative to the agent module. */
  public static final List<Path> EXAMPLE_FILES =
      List.of(
          Path.of("..", "docs", "examples", "tether.yaml"),
          Path.of("..", "demo-app", "src", "main", "resources", "tether.yaml"),
          Path.of("..", "benchmarks", "src", "main", "resources", "tether.yaml"),
          Path.of("..", "agent-it", "src", "test", "resources", "it-tether.yaml"));

  /** Small inputs for the constructs the example files do not use. */
  public static final List<String> EXTRA_SEEDS =
      List.of(
          "---\nvault: {url: \"http://h:1\", timeout: '2s'}\ntask: {id: t-1, user: u}\n...\n",
          "tools:\n- name: a\n  aws:\n    actions:\n    - s3:GetObject\n    resources: ['*']\n",
          "tools:\n  -\n    name: b\n    egress: [\"x.example.com\", y.example.com, ]\n",
          "outside-tools:\n  aws: ambient\n  ambient-services: [logs, \"cloud\\u0077atch\"]\n",
          "turns:\n  boundaries:\n    - - a.B#c\n      - 'it''s'\n  # comment\n\n",
          "vault:\n  url: ~\n  token-file: null\n  timeout:\n");

  private static final String ALPHABET =
      " \t\n\r:-#\"'[]{},&*!|>?%@`\\~0aZ\u00e9\u0000\u0085\u2028\uFEFF\uD83D\uDE00";

  private static final List<String> SNIPPETS =
      List.of(
          "&a ",
          "*a",
          "!!str ",
          "!x ",
          "|\n",
          ">-\n",
          "? ",
          "- ",
          ": ",
          "[",
          "]",
          "{",
          "}",
          "\"",
          "'",
          "---\n",
          "...\n",
          "%YAML 1.1\n",
          " #",
          "\\u00e9",
          "\\x",
          "\\",
          "~",
          "null",
          ", ",
          "\t",
          "  ",
          "\n  - ",
          "\n    ",
          "[[",
          "{a: [",
          "<<: ",
          "\r\n");

  private YamlMutations() {}

  /** The seed texts: the example files, then {@link #EXTRA_SEEDS}. */
  public static List<String> seeds() {
    List<String> seeds = new ArrayList<>();
    for (Path file : EXAMPLE_FILES) {
      try {
        seeds.add(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    seeds.addAll(EXTRA_SEEDS);
    return seeds;
  }

  /** {@code count} mutants, the same ones for the same seed. */
  public static List<String> mutants(long seed, int count) {
    List<String> seeds = seeds();
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = seeds.get(random.nextInt(seeds.size()));
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        text = edit(text, random);
      }
      out.add(text);
    }
    return out;
  }

  /** {@code count} strings of random characters from the YAML-significant alphabet. */
  public static List<String> noise(long seed, int count) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(60);
      for (int c = 0; c < length; c++) {
        if (random.nextInt(4) == 0) {
          text.append(SNIPPETS.get(random.nextInt(SNIPPETS.size())));
        } else {
          text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      out.add(text.toString());
    }
    return out;
  }

  private static String edit(String text, Random random) {
    int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    switch (random.nextInt(10)) {
      case 0:
        return at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
      case 1:
        return text.substring(0, at)
            + ALPHABET.charAt(random.nextInt(ALPHABET.length()))
            + text.substring(at);
      case 2:
        if (at + 1 >= text.length()) {
          return text;
        }
        return text.substring(0, at)
            + text.charAt(at + 1)
            + text.charAt(at)
            + text.substring(at + 2);
      case 3:
        if (at >= text.length()) {
          return text;
        }
        return text.substring(0, at)
            + ALPHABET.charAt(random.nextInt(ALPHABET.length()))
            + text.substring(at + 1);
      case 4:
        String stripped = lines.get(line).stripLeading();
        String indent = random.nextInt(8) == 0 ? "\t" : " ".repeat(random.nextInt(13));
        lines.set(line, indent + stripped);
        return String.join("\n", lines);
      case 5:
        lines.add(line, lines.get(line));
        return String.join("\n", lines);
      case 6:
        lines.remove(line);
        return String.join("\n", lines);
      case 7:
        int other = random.nextInt(lines.size());
        String moved = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, moved);
        return String.join("\n", lines);
      case 8:
        return text.substring(0, at);
      default:
        return text.substring(0, at)
            + SNIPPETS.get(random.nextInt(SNIPPETS.size()))
            + text.substring(at);
    }
  }
}
