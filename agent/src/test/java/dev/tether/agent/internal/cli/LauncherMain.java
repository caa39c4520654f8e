package dev.tether.agent.internal.cli;

/** {@code launch} in a JVM of its own, as {@code java -jar tether-agent.jar launch} runs it. */
public final class LauncherMain {

  private LauncherMain() {}

  public static void main(String[] args) {
    System.exit(LaunchCommand.run(args, System.getenv(), System.out, System.err));
  }
}
