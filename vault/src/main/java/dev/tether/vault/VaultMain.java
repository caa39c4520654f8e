package dev.tether.vault;

import dev.tether.vault.internal.TokenFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar tether-vault.jar serve [options]}: runs the Vault until the process is stopped.
 * The agent token comes from {@code TETHER_VAULT_TOKEN}, or is generated and written to {@code
 * --token-file}; it is never printed.
 */
public final class VaultMain {

  static final String TOKEN_ENV = "TETHER_VAULT_TOKEN";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar tether-vault.jar serve [options]",
          "       java -jar tether-vault.jar help",
          "",
          "Runs the Tether Token Vault until the process is stopped.",
          "",
          "Options:",
          "  --host HOST               address to bind (default 127.0.0.1)",
          "  --port PORT               port to bind, 0 for an ephemeral one (default 0)",
          "  --mode local|aws          local: answer STS on /sts, no AWS account needed;",
          "                            aws: call a real STS with the default AWS credentials",
          "                            (default local)",
          "  --sts-endpoint URL        aws mode: the STS endpoint (default: the SDK's for"
              + " us-east-1)",
          "  --role-arn ARN            the role sessions assume (required in aws mode; local",
          "                            default " + VaultSettings.LOCAL_ROLE_ARN + ")",
          "  --session-duration SECS   session length when a request asks for none, 900..3600",
          "                            (default 900)",
          "  --token-file FILE         write the agent token to FILE (mode 600)",
          "",
          "The agent token is " + TOKEN_ENV + " if set, otherwise a generated one; either way it",
          "is never printed, so give --token-file when " + TOKEN_ENV + " is not set.",
          "Prints one line with the Vault's URL once it accepts requests.",
          "");

  private VaultMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command line; for {@code serve}, blocks until the process is stopped.
   *
   * @return the exit code: 0 success, 1 failure to start, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0) {
      return usageError(err, "no command given");
    }
    switch (args[0]) {
      case "help":
      case "--help":
      case "-h":
        out.print(USAGE);
        out.flush();
        return 0;
      case "serve":
        break;
      default:
        return usageError(err, "unknown command '" + args[0] + "'");
    }
    ServeOptions options;
    try {
      options = ServeOptions.parse(args, env.get(TOKEN_ENV));
    } catch (IllegalArgumentException e) {
      return usageError(err, e.getMessage());
    }
    if ("help".equals(options.help)) {
      out.print(USAGE);
      out.flush();
      return 0;
    }
    return serve(options, out, err);
  }

  private static int serve(ServeOptions options, PrintStream out, PrintStream err) {
    TetherVault vault;
    try {
      vault = TetherVault.start(options.settings);
    } catch (UncheckedIOException e) {
      err.println("tether-vault: " + e.getMessage());
      return 1;
    }
    if (options.tokenFile != null) {
      try {
        TokenFile.write(options.tokenFile, vault.agentToken());
      } catch (IOException e) {
        vault.close();
        err.println(
            "tether-vault: cannot write the token file "
                + options.tokenFile
                + " ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + "); check that its directory exists and is writable");
        return 1;
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vault.close();
                  stopped.countDown();
                },
                "tether-vault-shutdown"));
    out.println(
        "Tether Vault ("
            + options.settings.mode().name().toLowerCase(Locale.ROOT)
            + " mode) listening on "
            + vault.url());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vault.close();
    }
    return 0;
  }

  private static int usageError(PrintStream err, String problem) {
    err.println("tether-vault: " + problem);
    err.println();
    err.print(USAGE);
    err.flush();
    return 2;
  }

  /** The parsed {@code serve} command line. */
  private static final class ServeOptions {
    VaultSettings settings;
    Path tokenFile;
    String help;

    static ServeOptions parse(String[] args, String envToken) {
      ServeOptions options = new ServeOptions();
      String host = null;
      int port = 0;
      VaultSettings.Mode mode = VaultSettings.Mode.LOCAL;
      URI stsEndpoint = null;
      String roleArn = null;
      Duration duration = null;
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          options.help = "help";
          return options;
        }
        String name = arg;
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        }
        switch (name) {
          case "--host":
          case "--port":
          case "--mode":
          case "--sts-endpoint":
          case "--role-arn":
          case "--session-duration":
          case "--token-file":
            break;
          default:
            throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option " + name + " needs a value");
          }
          value = args[++i];
        }
        switch (name) {
          case "--host":
            host = value;
            break;
          case "--port":
            port = integer(name, value);
            break;
          case "--mode":
            mode = mode(value);
            break;
          case "--sts-endpoint":
            stsEndpoint = uri(value);
            break;
          case "--role-arn":
            roleArn = value;
            break;
          case "--session-duration":
            duration = Duration.ofSeconds(integer(name, value));
            break;
          default: // --token-file
            options.tokenFile = Path.of(value);
        }
      }
      String token = envToken == null || envToken.isBlank() ? null : envToken;
      if (token == null && options.tokenFile == null) {
        throw new IllegalArgumentException(
            "no way to hand the agent token to agents: set "
                + TOKEN_ENV
                + " or give --token-file FILE (the token is never printed)");
      }
      // VaultSettings checks the values and explains what is wrong.
      options.settings = new VaultSettings(host, port, mode, stsEndpoint, roleArn, token, duration);
      return options;
    }

    private static int integer(String name, String value) {
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
      }
    }

    private static VaultSettings.Mode mode(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "local":
          return VaultSettings.Mode.LOCAL;
        case "aws":
          return VaultSettings.Mode.AWS;
        default:
          throw new IllegalArgumentException("--mode must be local or aws, not '" + value + "'");
      }
    }

    private static URI uri(String value) {
      try {
        return URI.create(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--sts-endpoint '" + value + "' is not a valid URL");
      }
    }
  }
}
