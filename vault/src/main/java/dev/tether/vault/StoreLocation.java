package dev.tether.vault;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a Vault keeps its state: {@code memory} (the default: this process only, forgotten at
 * restart) or {@code redis://HOST:PORT[/DB]}, a Redis that several replicas share. A password is
 * never part of the URL (command lines are visible to every user of a machine): give it with
 * {@link #withCredentials} (the {@code serve} command reads {@code TETHER_REDIS_PASSWORD}).
 */
public final class StoreLocation {

  public static final int DEFAULT_REDIS_PORT = 6379;
  static final int MAX_DATABASE = 15;

  private static final StoreLocation MEMORY = new StoreLocation(null, 0, 0, null, null);
  private static final String FORM =
      "give memory, or redis://HOST:PORT[/DB] (e.g. redis://10.0.0.5:6379/0)";

  private final String host; // null for memory
  private final int port;
  private final int database;
  private final String user;
  private final String password;

  private StoreLocation(String host, int port, int database, String user, String password) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
  }

  /** The embedded store: this process only. */
  public static StoreLocation memory() {
    return MEMORY;
  }

  /** A Redis on {@code host:port}, database {@code database} (0 to 15). */
  public static StoreLocation redis(String host, int port, int database) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the Redis host must not be blank; " + FORM);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "Redis port " + port + " is out of range; use 1 to 65535 (Redis listens on "
              + DEFAULT_REDIS_PORT + " by default)");
    }
    if (database < 0 || database > MAX_DATABASE) {
      throw new IllegalArgumentException(
          "Redis database " + database + " is out of range; use 0 to " + MAX_DATABASE);
    }
    return new StoreLocation(host.strip(), port, database, null, null);
  }

  /**
   * Reads {@code memory} or {@code redis://HOST[:PORT][/DB]}.
   *
   * @throws IllegalArgumentException naming what is wrong and what to give
   */
  public static StoreLocation parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the store is blank; " + FORM);
    }
    String given = text.strip();
    if (given.equalsIgnoreCase("memory")) {
      return MEMORY;
    }
    URI uri;
    try {
      uri = new URI(given);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("store '" + clip(given) + "' is not a URL; " + FORM);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if ("rediss".equals(scheme)) {
      throw new IllegalArgumentException(
          "store " + clip(given) + ": TLS to Redis (rediss://) is not supported yet; reach Redis"
              + " over a private network with redis://HOST:PORT[/DB]");
    }
    if (!"redis".equals(scheme)) {
      throw new IllegalArgumentException("store '" + clip(given) + "' is neither memory nor a"
          + " redis:// URL; " + FORM);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "store URL must not carry a user or password (command lines are visible to every user"
              + " of the machine); set TETHER_REDIS_PASSWORD (and TETHER_REDIS_USER for an ACL"
              + " user) instead");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "store '" + clip(given) + "' names no host; " + FORM);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "store '" + clip(given) + "' has a query or fragment the Vault does not read; " + FORM);
    }
    int database = 0;
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "store '" + clip(given) + "': the path must be a database number 0 to " + MAX_DATABASE
                + ", as in redis://HOST:PORT/0");
      }
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return redis(host, uri.getPort() == -1 ? DEFAULT_REDIS_PORT : uri.getPort(), database);
  }

  /** This Redis location with credentials ({@code user} {@code null} for the default user). */
  public StoreLocation withCredentials(String user, String password) {
    if (!shared()) {
      throw new IllegalStateException("the memory store takes no credentials");
    }
    return new StoreLocation(host, port, database, blankToNull(user), blankToNull(password));
  }

  /** Whether several processes can share it (Redis), unlike the embedded store. */
  public boolean shared() {
    return host != null;
  }

  /** Redis only: the host. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public int database() {
    return database;
  }

  /** Redis ACL user, or {@code null} for the default user. */
  public String user() {
    return user;
  }

  /** The Redis password, or {@code null}; never shown by {@link #toString()}. */
  public String password() {
    return password;
  }

  /** {@code memory} or {@code redis://host:port/db}: no credentials. */
  @Override
  public String toString() {
    if (!shared()) {
      return "memory";
    }
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return "redis://" + shownHost + ":" + port + "/" + database;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreLocation
        && Objects.equals(((StoreLocation) o).host, host)
        && ((StoreLocation) o).port == port
        && ((StoreLocation) o).database == database
        && Objects.equals(((StoreLocation) o).user, user)
        && Objects.equals(((StoreLocation) o).password, password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, database, user);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  // What was given, quoted back without anything that could be a password (user:pass@).
  private static String clip(String text) {
    int at = text.lastIndexOf('@');
    int start = text.indexOf("://");
    String shown = at < 0 ? text
        : (start >= 0 && start < at ? text.substring(0, start + 3) : "") + "<redacted>"
            + text.substring(at);
    return dev.tether.core.json.SafeName.of(shown);
  }
}
