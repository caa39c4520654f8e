package dev.tether.vault.internal.state;

import dev.tether.vault.StoreLocation;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The store replicas share: a Redis (6.2 or later; standalone, or the primary of a replicated
 * pair). Records are JSON strings under {@code tether:<kind>:<id>} with a time to live, tombstones
 * under {@code tether:<kind>-spent:<id>}, claims under {@code tether:<kind>:<id>}, logs under
 * {@code tether:<kind>:log}. A decision that reads and writes is one command ({@code SET NX PX})
 * or one Lua script, so Redis runs it as one step whichever replica asks.
 *
 * <p>Every call is bounded by the timeout (connecting, each reply, and waiting for a pooled
 * connection); a failure is a {@link StoreUnavailableException} naming the store, and the next
 * call tries again on a fresh connection, so the Vault answers again as soon as Redis does.
 */
public final class RedisStore implements VaultStore {

  /** How long any one call may wait: connecting, for a reply, or for a pooled connection. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final int POOL_SIZE = 32;
  private static final String PREFIX = "tether:";

  /** Take a record once, leaving a tombstone; only its owner's when an owner is given. */
  private static final Script TAKE = new Script(String.join("\n",
      "local v = redis.call('GET', KEYS[1])",
      "if not v then",
      "  if redis.call('EXISTS', KEYS[2]) == 1 then return {'spent'} end",
      "  return {'unknown'}",
      "end",
      "if ARGV[1] ~= '' then",
      "  local ok, record = pcall(cjson.decode, v)",
      "  if not ok or type(record) ~= 'table' or record[ARGV[2]] ~= ARGV[1] then",
      "    return {'foreign'}",
      "  end",
      "end",
      "redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])",
      "redis.call('DEL', KEYS[1])",
      "return {'taken', v}"));

  private static final Script PUT_IF_ABSENT = new Script(String.join("\n",
      "local v = redis.call('GET', KEYS[1])",
      "if v then return v end",
      "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "return false"));

  private static final Script REPLACE = new Script(String.join("\n",
      "if redis.call('GET', KEYS[1]) == ARGV[1] then",
      "  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')",
      "  return 1",
      "end",
      "return 0"));

  private static final Script APPEND = new Script(String.join("\n",
      "redis.call('RPUSH', KEYS[1], ARGV[1])",
      "redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)",
      "return 1"));

  private final RedisClient redis;
  private final String description;

  private RedisStore(RedisClient redis, String description) {
    this.redis = redis;
    this.description = description;
  }

  /**
   * Connects, checks that Redis answers and will not evict the Vault's records, and returns the
   * store.
   *
   * @throws StoreUnavailableException if Redis cannot be reached, refuses the credentials, or
   *     evicts keys under memory pressure (an evicted tombstone would let a spent token be
   *     presented again)
   */
  public static RedisStore connect(StoreLocation location) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) TIMEOUT.toMillis())
        .socketTimeoutMillis((int) TIMEOUT.toMillis())
        .database(location.database())
        .clientName("tether-vault")
        .protocol(RedisProtocol.RESP2);
    if (location.password() != null) {
      config.user(location.user()).password(location.password());
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(POOL_SIZE);
    pool.setMaxIdle(POOL_SIZE);
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(TIMEOUT);
    // Idle connections are checked now and then, so those Redis dropped (a restart) go away.
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
    RedisClient client = RedisClient.builder()
        .hostAndPort(new HostAndPort(location.host(), location.port()))
        .clientConfig(config.build())
        .poolConfig(pool)
        .build();
    RedisStore store = new RedisStore(client, location.toString());
    try {
      store.ping();
      store.requireNoEviction();
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return store;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public <T> void put(RecordKind<T> kind, String id, T value, Duration ttl) {
    String text = kind.codec().encode(value);
    call("SET", () -> redis.set(key(kind.name(), id), text, SetParams.setParams().px(millis(ttl))));
  }

  @Override
  public <T> T putIfAbsent(RecordKind<T> kind, String id, T value, Duration ttl) {
    String text = kind.codec().encode(value);
    Object held = script(PUT_IF_ABSENT, List.of(key(kind.name(), id)),
        List.of(text, Long.toString(millis(ttl))));
    return held == null ? null : decode(kind, held.toString());
  }

  @Override
  public <T> T get(RecordKind<T> kind, String id) {
    String text = call("GET", () -> redis.get(key(kind.name(), id)));
    return text == null ? null : decode(kind, text);
  }

  @Override
  public <T> boolean replace(RecordKind<T> kind, String id, T expected, T replacement) {
    Object replaced = script(REPLACE, List.of(key(kind.name(), id)),
        List.of(kind.codec().encode(expected), kind.codec().encode(replacement)));
    return Long.valueOf(1).equals(replaced);
  }

  @Override
  public <T> Taken<T> take(RecordKind<T> kind, String id, String owner, Duration tombstoneTtl) {
    Object answer = script(TAKE,
        List.of(key(kind.name(), id), key(kind.name() + "-spent", id)),
        List.of(owner == null ? "" : owner, kind.ownerField() == null ? "" : kind.ownerField(),
            Long.toString(millis(tombstoneTtl))));
    List<?> parts = answer instanceof List ? (List<?>) answer : List.of();
    String outcome = parts.isEmpty() ? "" : String.valueOf(parts.get(0));
    switch (outcome) {
      case "taken":
        return Taken.taken(decode(kind, String.valueOf(parts.get(1))));
      case "spent":
        return Taken.of(Taken.Outcome.SPENT);
      case "foreign":
        return Taken.of(Taken.Outcome.FOREIGN);
      case "unknown":
        return Taken.of(Taken.Outcome.UNKNOWN);
      default:
        throw new StoreUnavailableException(description, "it answered a take with something"
            + " other than taken, spent, foreign or unknown", null);
    }
  }

  @Override
  public boolean claimOnce(String kind, String id, Duration ttl) {
    String answer = call("SET NX", () ->
        redis.set(key(kind, id), "1", SetParams.setParams().nx().px(millis(ttl))));
    return "OK".equals(answer);
  }

  @Override
  public <T> void append(RecordKind<T> kind, T value, int capacity) {
    script(APPEND, List.of(logKey(kind)),
        List.of(kind.codec().encode(value), Integer.toString(capacity)));
  }

  @Override
  public <T> List<T> log(RecordKind<T> kind) {
    List<String> texts = call("LRANGE", () -> redis.lrange(logKey(kind), 0, -1));
    List<T> records = new ArrayList<>(texts.size());
    for (String text : texts) {
      records.add(decode(kind, text));
    }
    return records;
  }

  @Override
  public <T> void forEach(RecordKind<T> kind, BiConsumer<String, T> action) {
    String prefix = PREFIX + kind.name() + ":";
    ScanParams match = new ScanParams().match(prefix + "*").count(500);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      String from = cursor;
      ScanResult<String> page = call("SCAN", () -> redis.scan(from, match));
      List<String> keys = page.getResult();
      if (!keys.isEmpty()) {
        List<String> texts = call("MGET", () -> redis.mget(keys.toArray(new String[0])));
        for (int i = 0; i < keys.size(); i++) {
          String text = texts.get(i);
          if (text != null && !keys.get(i).equals(logKey(kind))) {
            action.accept(keys.get(i).substring(prefix.length()), decode(kind, text));
          }
        }
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
  }

  @Override
  public void ping() {
    call("PING", redis::ping);
  }

  @Override
  public void close() {
    redis.close();
  }

  @Override
  public String toString() {
    return "RedisStore[" + description + "]";
  }

  /**
   * Refuses a Redis that evicts keys when full: every key the Vault writes has a time to live, so
   * even the {@code volatile-*} policies would drop tombstones and claims. A Redis that does not
   * let clients read its configuration (a managed one) is taken as configured.
   */
  private void requireNoEviction() {
    Map<String, String> policy;
    try {
      policy = redis.configGet("maxmemory-policy");
    } catch (JedisDataException refused) {
      return;
    } catch (JedisException e) {
      throw unavailable("CONFIG GET", e);
    }
    String value = policy.get("maxmemory-policy");
    if (value != null && !value.toLowerCase(Locale.ROOT).equals("noeviction")) {
      throw new StoreUnavailableException(description,
          "it evicts keys under memory pressure (maxmemory-policy " + value + "), and an evicted"
              + " record of a spent token or used nonce would let it be presented again; set"
              + " maxmemory-policy noeviction (Redis then refuses writes when full, and the Vault"
              + " refuses requests)", null);
    }
  }

  private <T> T decode(RecordKind<T> kind, String text) {
    try {
      return kind.codec().decode(text);
    } catch (IllegalArgumentException e) {
      throw new StoreUnavailableException(description,
          "a " + kind.name() + " record does not read: " + e.getMessage()
              + "; is another program, or another version of the Vault, writing tether: keys?",
          e);
    }
  }

  private Object script(Script script, List<String> keys, List<String> args) {
    return call("EVALSHA", () -> {
      try {
        return redis.evalsha(script.sha, keys, args);
      } catch (JedisNoScriptException notLoaded) { // a restarted Redis forgot it: EVAL loads it
        return redis.eval(script.text, keys, args);
      }
    });
  }

  /**
   * Runs one call; a connection that broke is retried once on a fresh one. A retry can only
   * refuse more (a take or claim that did happen before the connection broke now reads as spent),
   * never accept twice.
   */
  private <R> R call(String what, Supplier<R> operation) {
    try {
      return operation.get();
    } catch (JedisConnectionException first) {
      if (timedOut(first)) {
        throw unavailable(what, first);
      }
      try {
        return operation.get();
      } catch (JedisException e) {
        throw unavailable(what, e);
      }
    } catch (JedisException e) {
      throw unavailable(what, e);
    }
  }

  private StoreUnavailableException unavailable(String what, JedisException e) {
    String problem;
    if (e instanceof JedisConnectionException) {
      problem = timedOut(e)
          ? what + " got no answer within " + TIMEOUT.toMillis() + " ms"
          : "cannot reach it: " + reason(e);
    } else if (e instanceof JedisDataException) {
      problem = "it refused " + what + ": " + reason(e);
    } else {
      problem = what + " failed: " + reason(e);
    }
    return new StoreUnavailableException(description, problem, e);
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  // Redis's and Jedis's messages name hosts, commands and states, never a value or a password.
  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null) {
      message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  private static String key(String kind, String id) {
    return PREFIX + kind + ":" + id;
  }

  private static String logKey(RecordKind<?> kind) {
    return PREFIX + kind.name() + ":log";
  }

  // PX takes whole milliseconds, at least 1.
  private static long millis(Duration ttl) {
    return Math.max(1, ttl.toMillis());
  }

  /** A Lua script and its SHA-1, which EVALSHA names it by. */
  private static final class Script {
    final String text;
    final String sha;

    Script(String text) {
      this.text = text;
      try {
        this.sha = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-1", e);
      }
    }
  }
}
