package dev.tether.agent.internal.cli;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalAttestorServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar tether-agent.jar launch [--key FILE] [--print-public-key] -- COMMAND...}: the
 * local development attestor. Starts COMMAND with a loopback attestor that vouches, with the
 * launcher key, for the first workload key the child registers through its ticket.
 */
public final class LaunchCommand {

  public static final String ATTESTOR_ENV = "TETHER_LOCAL_ATTESTOR";
  public static final String TICKET_ENV = "TETHER_LOCAL_ATTESTOR_TICKET";

  public static final int EXIT_OK = 0;
  public static final int EXIT_USAGE = 2;
  /** The launcher itself failed (key file, loopback port); as {@code env} and {@code timeout}. */
  public static final int EXIT_LAUNCHER_FAILED = 125;
  /** COMMAND could not be started (not found, not executable); as a shell says. */
  public static final int EXIT_CANNOT_RUN = 127;

  /** How long a child gets to stop after the launcher is told to stop, before it is killed. */
  static final long STOP_GRACE_SECONDS = 10;

  static final String USAGE =
      "usage: java -jar tether-agent.jar launch [--key FILE] [--print-public-key] -- COMMAND"
          + " [ARGS...]\n"
          + "  Runs COMMAND with a local (development) attestor on a loopback port, handed to it\n"
          + "  as " + ATTESTOR_ENV + " and " + TICKET_ENV + ". The attestor signs evidence with\n"
          + "  the launcher key for the first workload key COMMAND registers with the ticket.\n"
          + "  --key FILE          the launcher key (PEM; made if missing, with FILE.pub);\n"
          + "                      default $XDG_CONFIG_HOME/tether/launcher-key.pem, or\n"
          + "                      ~/.config/tether/launcher-key.pem\n"
          + "  --print-public-key  print the launcher's public key (PEM) and launch nothing\n"
          + "  Give the Vault FILE.pub with --local-attestor-key. Never trust it on a Vault that\n"
          + "  serves real accounts: the key is a file, and the attestor proves nothing about code.\n"
          + "  Exit status: COMMAND's; 2 usage error; 125 launcher failed; 127 COMMAND not run.\n";

  private LaunchCommand() {}

  /**
   * Runs the command. {@code args} are the words after {@code launch}.
   *
   * @param env the launcher's environment, for the default key location
   * @return COMMAND's exit status, or one of this class's {@code EXIT_} codes
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args, env, System.getProperty("user.home"));
    } catch (IllegalArgumentException e) {
      err.println("tether launch: " + e.getMessage());
      err.print(USAGE);
      return EXIT_USAGE;
    }
    if (arguments.help) {
      out.print(USAGE);
      return EXIT_OK;
    }
    LauncherKey key;
    try {
      key = loadKey(arguments.key, err);
    } catch (IOException e) {
      err.println("tether launch: " + e.getMessage());
      return EXIT_LAUNCHER_FAILED;
    }
    if (arguments.printPublicKey) {
      out.print(key.publicKeyPem());
      return EXIT_OK;
    }
    return launch(key, arguments.command, err);
  }

  private static LauncherKey loadKey(Path file, PrintStream err) throws IOException {
    boolean existed = Files.exists(file);
    LauncherKey key = LauncherKey.loadOrCreate(file);
    if (!existed) {
      err.println("tether launch: made launcher key " + file + " (keep it private) and its public"
          + " key " + file + ".pub; give the .pub to the Vault with --local-attestor-key");
    }
    return key;
  }

  private static int launch(LauncherKey key, List<String> command, PrintStream err) {
    LocalAttestor attestor = new LocalAttestor(key);
    LocalAttestorServer server;
    try {
      server = LocalAttestorServer.start(attestor);
    } catch (IOException e) {
      err.println("tether launch: cannot serve the local attestor on a loopback port: " + e);
      return EXIT_LAUNCHER_FAILED;
    }
    try (server) {
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put(ATTESTOR_ENV, server.url().toString());
      builder.environment().put(TICKET_ENV, attestor.ticket());
      Process child;
      try {
        child = builder.start();
      } catch (IOException e) {
        err.println("tether launch: cannot run '" + command.get(0) + "': " + e.getMessage());
        return EXIT_CANNOT_RUN;
      }
      Thread stopChild = new Thread(new StopChild(child), "tether-launch-stop-child");
      Runtime.getRuntime().addShutdownHook(stopChild);
      // Evidence requests wait for the label (see LocalAttestor), so a child that has evidence
      // knows it is the labelled pid and that stopping the launcher stops it.
      attestor.labelWorkload("pid " + child.pid());
      int status = waitFor(child);
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException e) {
        // The launcher is shutting down already; the hook finds the child gone.
      }
      return status;
    }
  }

  private static int waitFor(Process child) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return child.waitFor();
        } catch (InterruptedException e) {
          interrupted = true; // the child's status is the launcher's: keep waiting for it
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The shutdown hook: when the launcher is told to stop (SIGTERM, SIGINT), it tells the child,
   * waits for it a while, then kills it; the attestor dies with the launcher anyway.
   */
  private static final class StopChild implements Runnable {
    private final Process child;

    StopChild(Process child) {
      this.child = child;
    }

    @Override
    public void run() {
      if (!child.isAlive()) {
        return;
      }
      child.destroy();
      try {
        if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      } catch (InterruptedException e) {
        child.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The command line, parsed; throws IllegalArgumentException with the reason. */
  static final class Arguments {
    Path key;
    boolean printPublicKey;
    boolean help;
    List<String> command = List.of();

    static Arguments parse(String[] args, Map<String, String> env, String userHome) {
      Arguments parsed = new Arguments();
      String keyName = null;
      int i = 0;
      for (; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--")) {
          i++;
          break;
        }
        if (!arg.startsWith("-")) {
          break; // COMMAND without "--": the rest are its words, options or not
        }
        if (arg.equals("-h") || arg.equals("--help")) {
          parsed.help = true;
          return parsed;
        }
        if (arg.equals("--print-public-key")) {
          parsed.printPublicKey = true;
        } else if (arg.equals("--key") || arg.startsWith("--key=")) {
          if (keyName != null) {
            throw new IllegalArgumentException("--key given twice");
          }
          if (arg.equals("--key")) {
            keyName = i + 1 < args.length && !args[i + 1].equals("--") ? args[++i] : "";
          } else {
            keyName = arg.substring("--key=".length());
          }
          if (keyName.isEmpty()) {
            throw new IllegalArgumentException("--key needs a FILE");
          }
        } else {
          throw new IllegalArgumentException(
              "unknown option '" + arg + "'; put COMMAND after '--'");
        }
      }
      parsed.command = List.copyOf(Arrays.asList(args).subList(i, args.length));
      if (parsed.printPublicKey && !parsed.command.isEmpty()) {
        throw new IllegalArgumentException("--print-public-key launches nothing; drop COMMAND");
      }
      if (!parsed.printPublicKey && parsed.command.isEmpty()) {
        throw new IllegalArgumentException("no COMMAND given; put it after '--'");
      }
      parsed.key = keyName != null ? path(keyName) : defaultKey(env, userHome);
      return parsed;
    }

    /** The XDG base directory rule: an absolute XDG_CONFIG_HOME, else ~/.config. */
    static Path defaultKey(Map<String, String> env, String userHome) {
      Path base;
      Path config = absolute(env.get("XDG_CONFIG_HOME"));
      if (config != null) {
        base = config;
      } else if (userHome != null && !userHome.isEmpty()) {
        base = Path.of(userHome, ".config");
      } else {
        throw new IllegalArgumentException("no home directory to keep the launcher key in; give"
            + " --key FILE");
      }
      return base.resolve("tether").resolve("launcher-key.pem");
    }

    private static Path absolute(String name) {
      try {
        return name == null || !Path.of(name).isAbsolute() ? null : Path.of(name);
      } catch (InvalidPathException e) {
        return null; // not a usable directory: fall back as if it were unset
      }
    }

    private static Path path(String name) {
      try {
        return Path.of(name);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("--key '" + name + "' is not a valid path");
      }
    }
  }
}
