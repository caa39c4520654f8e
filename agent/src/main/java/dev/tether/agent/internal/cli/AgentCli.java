package dev.tether.agent.internal.cli;

import dev.tether.agent.internal.config.CheckCommand;
import java.util.Arrays;

/** {@code java -jar tether-agent.jar COMMAND ...}. */
public final class AgentCli {

  private static final String USAGE =
      "usage: java -jar tether-agent.jar check FILE [--task-id ID --user-id USER --repo REPO]\n"
          + "       java -jar tether-agent.jar launch [--key FILE] [--print-public-key] -- COMMAND"
          + " [ARGS...]\n"
          + "       java -javaagent:tether-agent.jar[=config=FILE] -jar your-app.jar";

  private AgentCli() {}

  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    if (args[0].equals("check")) {
      return CheckCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
    }
    if (args[0].equals("launch")) {
      return LaunchCommand.run(
          Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err);
    }
    System.err.println("tether: unknown command '" + args[0] + "'\n" + USAGE);
    return 2;
  }
}
