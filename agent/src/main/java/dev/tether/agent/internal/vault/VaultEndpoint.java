package dev.tether.agent.internal.vault;

import dev.tether.agent.internal.config.VaultConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Vault is and the token that admits this workload, resolved at first use so a launcher
 * can set them after the JVM started (the URL is then kept; the token is read again each time, so
 * that a rotated token file takes effect): {@code -Dtether.vault.url} / {@code TETHER_VAULT_URL} /
 * {@code vault.url}; {@code -Dtether.vault.token} / {@code TETHER_VAULT_TOKEN} / the file named by
 * {@code vault.token-file}.
 */
public final class VaultEndpoint {

  private final VaultConfig config;
  private final String source;

  public VaultEndpoint(VaultConfig config, String source) {
    this.config = config;
    this.source = source;
  }

  /**
   * The Vault's URL, resolved at the first use that finds one and then kept: code in the JVM that
   * changes the setting later cannot send the agent's requests, and its bearer token, elsewhere.
   */
  public URI url() {
    return pinned().url;
  }

  private Pinned pinned() {
    Pinned found = pinned;
    if (found == null) {
      URI url = resolveUrl();
      found = new Pinned(url, originOf(url));
      pinned = found;
    }
    return found;
  }

  private URI resolveUrl() {
    String url = urlSetting();
    if (url == null) {
      throw new IllegalStateException(
          "no Vault URL: set TETHER_VAULT_URL (or -Dtether.vault.url, or vault.url in " + source + ")");
    }
    URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalStateException("the Vault URL '" + url + "' is not an absolute http(s) URL");
    }
    return uri;
  }

  private String urlSetting() {
    return first(System.getProperty("tether.vault.url"), VAULT_URL_ENV, config.url());
  }

  /**
   * Whether nobody between this JVM and the Vault can read the Vault's answers: TLS, or a
   * loopback address (the embedded Vault, or one on this machine). Only then is a session proof
   * key the Vault hands over still a secret. Decided on the URL alone: no name is looked up.
   */
  public boolean confidential() {
    URI url = url();
    return "https".equals(url.getScheme()) || isLoopbackHost(url.getHost());
  }

  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(java.util.Locale.ROOT);
    if (name.equals("localhost") || name.equals("[::1]") || name.equals("::1")) {
      return true;
    }
    if (!name.startsWith("127.")) {
      return false;
    }
    String[] octets = name.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether an AWS SDK request to {@code origin} ({@code scheme://host:port}) is addressed to the
   * Vault: Tether's own plane, never a tool's.
   */
  public boolean isOwnOrigin(String origin) {
    if (origin == null) {
      return false;
    }
    try {
      return origin.equals(pinned().origin); // on every AWS request: the origin is kept with it
    } catch (IllegalStateException notConfigured) {
      return false;
    }
  }

  private static final String VAULT_URL_ENV = System.getenv("TETHER_VAULT_URL");

  private volatile Pinned pinned;

  private record Pinned(URI url, String origin) {}

  private static String originOf(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return uri.getScheme() + "://" + uri.getHost() + ":" + port;
  }

  String token() {
    String token = first(System.getProperty("tether.vault.token"), System.getenv("TETHER_VAULT_TOKEN"), null);
    if (token == null && config.tokenFile() != null) {
      try {
        token = Files.readString(Path.of(config.tokenFile()), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read the Vault token file " + config.tokenFile() + " (vault.token-file in " + source + "): " + e.getMessage());
      }
    }
    if (token == null || token.isEmpty()) {
      throw new IllegalStateException(
          "no Vault token: set TETHER_VAULT_TOKEN (or -Dtether.vault.token, or vault.token-file in " + source + ")");
    }
    return token;
  }

  int timeoutMillis() {
    return (int) config.timeout().toMillis();
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }
}
