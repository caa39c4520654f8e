package dev.tether.vault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options after a command: {@code --name value} or {@code --name=value}, each option taking
 * one value, some repeatable; {@code --help} / {@code -h} anywhere asks for the usage. Every
 * mistake is an {@link IllegalArgumentException} naming the option, which the caller turns into a
 * usage error.
 */
final class CommandArgs {

  private final Map<String, List<String>> values;
  private final boolean help;

  private CommandArgs(Map<String, List<String>> values, boolean help) {
    this.values = values;
    this.help = help;
  }

  /**
   * @param args the whole command line; {@code args[0]} is the command
   * @param options the option names the command knows
   * @param repeatable those of them that may be given more than once
   */
  static CommandArgs parse(String[] args, Set<String> options, Set<String> repeatable) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new CommandArgs(Map.of(), true);
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!options.contains(name)) {
        throw new IllegalArgumentException(
            arg.startsWith("-")
                ? "unknown option '" + name + "'"
                : "unexpected argument '" + arg + "'; options start with --");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + name + " needs a value");
        }
        value = args[++i];
      }
      List<String> given = values.computeIfAbsent(name, n -> new ArrayList<>());
      if (!given.isEmpty() && !repeatable.contains(name)) {
        throw new IllegalArgumentException("option " + name + " is given twice; give it once");
      }
      given.add(value);
    }
    return new CommandArgs(values, false);
  }

  boolean help() {
    return help;
  }

  /** The option's value, or {@code null} when it was not given. */
  String value(String name) {
    List<String> given = values.get(name);
    return given == null ? null : given.get(0);
  }

  /** Every value of a repeatable option, in order; empty when it was not given. */
  List<String> values(String name) {
    return values.getOrDefault(name, Collections.emptyList());
  }

  /** A whole number, or {@code fallback} when the option was not given. */
  int integer(String name, int fallback) {
    String value = value(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
  }

  /** Blank environment values count as unset. */
  static String env(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
