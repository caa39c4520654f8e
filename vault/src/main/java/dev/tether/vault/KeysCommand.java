package dev.tether.vault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code keys generate|add|use}: makes and rotates the key file every replica of one Vault reads
 * ({@code serve --key-file}). Never prints a secret.
 */
final class KeysCommand implements VaultMain.Command {

  private final String action;
  private final Path file;
  private final String issuer;
  private final boolean current;
  private final String keyId;

  private KeysCommand(String action, Path file, String issuer, boolean current, String keyId) {
    this.action = action;
    this.file = file;
    this.issuer = issuer;
    this.current = current;
    this.keyId = keyId;
  }

  /** @return {@code null} when the usage was asked for */
  static KeysCommand parse(String[] args) {
    if (args.length < 2 || !Set.of("generate", "add", "use").contains(args[1])) {
      throw new IllegalArgumentException("keys needs a subcommand: keys generate --out FILE,"
          + " keys add --key-file FILE [--current], or keys use --key-file FILE --key-id ID");
    }
    String action = args[1];
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    boolean current = rest.remove("--current");
    if (current && !action.equals("add")) {
      throw new IllegalArgumentException("--current is for keys add only");
    }
    Set<String> options = switch (action) {
      case "generate" -> Set.of("--out", "--issuer");
      case "add" -> Set.of("--key-file");
      default -> Set.of("--key-file", "--key-id");
    };
    CommandArgs parsed = CommandArgs.parse(rest.toArray(new String[0]), options, Set.of());
    if (parsed.help()) {
      return null;
    }
    String file = parsed.value(action.equals("generate") ? "--out" : "--key-file");
    if (file == null) {
      throw new IllegalArgumentException("keys " + action + " needs "
          + (action.equals("generate") ? "--out FILE" : "--key-file FILE"));
    }
    if (action.equals("use") && parsed.value("--key-id") == null) {
      throw new IllegalArgumentException("keys use needs --key-id ID, the key to make current");
    }
    String issuer = parsed.value("--issuer") == null
        ? TetherVault.ISSUER + "/default"
        : parsed.value("--issuer");
    return new KeysCommand(action, Path.of(file), issuer, current, parsed.value("--key-id"));
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    try {
      switch (action) {
        case "generate":
          VaultKeys.generate(file, issuer);
          out.println("wrote key file " + file + " (mode 600) for issuer " + issuer
              + " with key k1, current; give every replica a copy (serve --key-file)");
          break;
        case "add":
          String id = VaultKeys.add(file, current);
          out.println("added key " + id + " to " + file + (current
              ? ", current: replicas mint with it once restarted"
              : ", verify-only: restart every replica, then 'keys use --key-id " + id + "'"));
          break;
        default:
          VaultKeys.use(file, keyId);
          out.println("key " + keyId + " is now current in " + file
              + "; restart every replica");
          break;
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("tether-vault: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("tether-vault: cannot write key file " + file + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      return 1;
    }
  }
}
