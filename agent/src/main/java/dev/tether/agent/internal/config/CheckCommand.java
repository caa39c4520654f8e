package dev.tether.agent.internal.config;

import dev.tether.core.scope.TaskIdentity;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar tether-agent.jar check FILE [--task-id ID --user-id USER --repo REPO]}: reads a
 * configuration file the way the agent would and prints what it grants each tool, or every problem
 * in it.
 */
public final class CheckCommand {

  public static final int EXIT_OK = 0;
  public static final int EXIT_INVALID = 1;
  public static final int EXIT_USAGE = 2;

  static final String USAGE =
      "usage: java -jar tether-agent.jar check FILE [--task-id ID --user-id USER --repo REPO]\n"
          + "  Checks a Tether configuration file and prints what it grants each tool.\n"
          + "  With a task identity (these flags, or the file's task section) it also prints\n"
          + "  each tool's resolved AWS resources and the session policy sent to STS.\n"
          + "  Exit status: 0 valid, 1 problems found, 2 usage error.\n";

  private CheckCommand() {}

  /**
   * Runs the command. {@code args} are the words after {@code check}; a leading {@code check} is
   * also accepted.
   *
   * @return {@link #EXIT_OK}, {@link #EXIT_INVALID} or {@link #EXIT_USAGE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("tether check: " + e.getMessage());
      err.print(USAGE);
      return EXIT_USAGE;
    }
    if (arguments.help) {
      out.print(USAGE);
      return EXIT_OK;
    }
    TetherConfig config;
    try {
      config = ConfigLoader.load(arguments.file);
    } catch (ConfigException e) {
      printProblems(e.problems(), err);
      return EXIT_INVALID;
    }
    String taskId = first(arguments.taskId, config.task().id());
    String userId = first(arguments.userId, config.task().user());
    String repo = first(arguments.repo, config.task().repo());
    TaskIdentity identity = null;
    String identityNote;
    List<String> missing = new ArrayList<>();
    addIfNull(missing, taskId, "--task-id");
    addIfNull(missing, userId, "--user-id");
    addIfNull(missing, repo, "--repo");
    if (missing.size() == 3) {
      identityNote = "none; give --task-id, --user-id and --repo to see resolved resources";
    } else if (!missing.isEmpty()) {
      identityNote =
          "incomplete; give " + String.join(", ", missing) + " to see resolved resources";
    } else {
      try {
        identity = new TaskIdentity(taskId, userId, repo);
      } catch (IllegalArgumentException e) {
        err.println("tether check: invalid task identity: " + e.getMessage());
        err.print(USAGE);
        return EXIT_USAGE;
      }
      identityNote =
          "id " + taskId + ", user " + userId + ", repo " + repo + " (" + origin(arguments) + ")";
    }
    ConfigReport.Result report = ConfigReport.render(config, identity, identityNote);
    if (!report.problems().isEmpty()) {
      printProblems(report.problems(), err);
      return EXIT_INVALID;
    }
    out.print(report.text());
    out.println();
    out.println("OK: " + config.source() + " is valid");
    return EXIT_OK;
  }

  private static void printProblems(List<ConfigProblem> problems, PrintStream err) {
    for (ConfigProblem problem : problems) {
      err.println(problem);
    }
    err.println(
        "tether check: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
  }

  private static String origin(Arguments arguments) {
    int fromFlags =
        (arguments.taskId != null ? 1 : 0)
            + (arguments.userId != null ? 1 : 0)
            + (arguments.repo != null ? 1 : 0);
    if (fromFlags == 0) {
      return "from the file";
    }
    return fromFlags == 3 ? "from the flags" : "from the flags and the file";
  }

  private static String first(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }

  private static void addIfNull(List<String> missing, String value, String flag) {
    if (value == null) {
      missing.add(flag);
    }
  }

  /** The command line, parsed; throws IllegalArgumentException with the reason. */
  private static final class Arguments {
    Path file;
    String taskId;
    String userId;
    String repo;
    boolean help;

    static Arguments parse(String[] args) {
      Arguments parsed = new Arguments();
      int start = args.length > 0 && args[0].equals("check") ? 1 : 0;
      String fileName = null;
      for (int i = start; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-h") || arg.equals("--help")) {
          parsed.help = true;
          return parsed;
        }
        if (!arg.startsWith("--")) {
          if (fileName != null) {
            throw new IllegalArgumentException(
                "more than one FILE: '" + fileName + "', '" + arg + "'");
          }
          fileName = arg;
          continue;
        }
        String flag = arg;
        String value;
        int equals = arg.indexOf('=');
        if (equals > 0) {
          flag = arg.substring(0, equals);
          value = arg.substring(equals + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          value = null;
        }
        if (!flag.equals("--task-id") && !flag.equals("--user-id") && !flag.equals("--repo")) {
          throw new IllegalArgumentException("unknown option '" + flag + "'");
        }
        if (value == null || value.isEmpty()) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        switch (flag) {
          case "--task-id":
            parsed.taskId = value;
            break;
          case "--user-id":
            parsed.userId = value;
            break;
          default:
            parsed.repo = value;
        }
      }
      if (fileName == null) {
        throw new IllegalArgumentException("no FILE given");
      }
      try {
        parsed.file = Path.of(fileName);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("'" + fileName + "' is not a valid path");
      }
      return parsed;
    }
  }
}
