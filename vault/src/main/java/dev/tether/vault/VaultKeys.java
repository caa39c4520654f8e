package dev.tether.vault;

import dev.tether.core.json.JsonObject;
import dev.tether.core.json.JsonReadException;
import dev.tether.core.json.JsonReader;
import dev.tether.core.json.JsonString;
import dev.tether.core.json.JsonValue;
import dev.tether.core.json.JsonWriter;
import dev.tether.core.json.SafeName;
import dev.tether.core.token.IssuerKeys;
import dev.tether.vault.internal.TokenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key file every replica of one Vault reads ({@code serve --key-file FILE}): the issuer name
 * and the root secrets that MAC grants and task tokens, by key id, one of them current.
 *
 * <pre>{"issuer": "tether-vault/prod", "current": "k2",
 *  "keys": {"k1": "&lt;base64url, 32 bytes or more&gt;", "k2": "..."}}</pre>
 *
 * <p>New grants use the current key; the others still verify, so a key is rotated in two
 * roll-outs: add a key (every replica learns it), then make it current. The file is a secret:
 * mode 600, or a secret store's file mount.
 */
public final class VaultKeys {

  static final int ROOT_BYTES = 32;
  private static final int MAX_FILE = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private VaultKeys() {}

  /**
   * Reads a key file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it (never a secret)
   */
  public static IssuerKeys read(Path file) {
    KeyFile keys = load(file);
    try {
      return new IssuerKeys(keys.issuer, keys.current, keys.roots);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Writes a new key file (mode 600) with one random key, {@code k1}, current.
   *
   * @param issuer the issuer name every grant carries, e.g. {@code tether-vault/prod}
   */
  public static void generate(Path file, String issuer) throws IOException {
    if (Files.exists(file)) {
      throw new IllegalArgumentException("key file " + file + " exists already; a new one would"
          + " cut off every token minted with it. Use 'keys add' to rotate, or choose another"
          + " path");
    }
    if (issuer == null || !issuer.matches("[A-Za-z0-9._/:-]{1,128}")) {
      throw new IllegalArgumentException("the issuer name must be 1 to 128 letters, digits and"
          + " . _ / : - (e.g. tether-vault/prod), not '" + SafeName.of(String.valueOf(issuer))
          + "'");
    }
    Map<String, byte[]> roots = new LinkedHashMap<>();
    roots.put("k1", random());
    write(file, issuer, "k1", roots);
  }

  /**
   * Adds a random key to a key file; the current key stays current unless {@code makeCurrent}.
   *
   * @return the new key's id
   */
  public static String add(Path file, boolean makeCurrent) throws IOException {
    KeyFile keys = load(file);
    int next = keys.roots.size() + 1;
    while (keys.roots.containsKey("k" + next)) {
      next++;
    }
    String id = "k" + next;
    keys.roots.put(id, random());
    write(file, keys.issuer, makeCurrent ? id : keys.current, keys.roots);
    return id;
  }

  /**
   * Makes an existing key current.
   *
   * @throws IllegalArgumentException if the file has no such key
   */
  public static void use(Path file, String keyId) throws IOException {
    KeyFile keys = load(file);
    if (!keys.roots.containsKey(keyId)) {
      throw new IllegalArgumentException("key file " + file + " has no key '"
          + SafeName.of(keyId) + "'; it has " + keys.roots.keySet());
    }
    write(file, keys.issuer, keyId, keys.roots);
  }

  private static byte[] random() {
    byte[] root = new byte[ROOT_BYTES];
    RANDOM.nextBytes(root);
    return root;
  }

  private static void write(Path file, String issuer, String current, Map<String, byte[]> roots)
      throws IOException {
    JsonObject.Builder secrets = JsonObject.builder();
    roots.forEach((id, root) ->
        secrets.put(id, Base64.getUrlEncoder().withoutPadding().encodeToString(root)));
    String json = JsonWriter.write(JsonObject.builder()
        .put("issuer", issuer)
        .put("current", current)
        .put("keys", secrets.build())
        .build());
    TokenFile.write(file, json);
  }

  private static KeyFile load(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE) {
        throw new IllegalArgumentException("key file " + file + " is over " + MAX_FILE
            + " bytes; is it the right file?");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("key file " + file + " does not exist; make one with"
          + " 'tether-vault keys generate --out " + file + "' and give every replica a copy");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + " ("
          + e.getClass().getSimpleName() + "); check its path and permissions");
    }
    JsonValue root;
    try {
      root = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8).strip());
    } catch (JsonReadException e) {
      throw new IllegalArgumentException("key file " + file + " is not JSON (" + e.getMessage()
          + "); expected {\"issuer\": ..., \"current\": ..., \"keys\": {\"k1\": ...}}");
    }
    if (!(root instanceof JsonObject)) {
      throw new IllegalArgumentException("key file " + file + " must hold a JSON object");
    }
    JsonObject object = (JsonObject) root;
    for (String field : object.members().keySet()) {
      if (!Map.of("issuer", 1, "current", 1, "keys", 1).containsKey(field)) {
        throw new IllegalArgumentException("key file " + file + " has an unknown field '"
            + SafeName.of(field) + "'; it holds issuer, current and keys");
      }
    }
    String issuer = text(object, "issuer", file);
    String current = text(object, "current", file);
    if (!(object.get("keys") instanceof JsonObject)) {
      throw new IllegalArgumentException("key file " + file + " needs \"keys\": an object of"
          + " key id to base64url secret");
    }
    Map<String, byte[]> roots = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> key : ((JsonObject) object.get("keys")).members().entrySet()) {
      String id = SafeName.of(key.getKey());
      if (!(key.getValue() instanceof JsonString)) {
        throw new IllegalArgumentException("key file " + file + ": key " + id
            + " must be a base64url string");
      }
      byte[] secret;
      try {
        secret = Base64.getUrlDecoder().decode(((JsonString) key.getValue()).value());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key file " + file + ": key " + id
            + " is not base64url");
      }
      if (secret.length < ROOT_BYTES) {
        throw new IllegalArgumentException("key file " + file + ": key " + id + " has "
            + secret.length + " bytes; a root key needs at least " + ROOT_BYTES + " random bytes");
      }
      roots.put(key.getKey(), secret);
    }
    if (!roots.containsKey(current)) {
      throw new IllegalArgumentException("key file " + file + ": the current key '"
          + SafeName.of(current) + "' is not among its keys " + roots.keySet());
    }
    return new KeyFile(issuer, current, roots);
  }

  private static String text(JsonObject object, String field, Path file) {
    JsonValue value = object.get(field);
    if (!(value instanceof JsonString) || ((JsonString) value).value().isBlank()) {
      throw new IllegalArgumentException("key file " + file + " needs \"" + field
          + "\": a non-blank string");
    }
    return ((JsonString) value).value();
  }

  private static final class KeyFile {
    final String issuer;
    final String current;
    final Map<String, byte[]> roots;

    KeyFile(String issuer, String current, Map<String, byte[]> roots) {
      this.issuer = issuer;
      this.current = current;
      this.roots = roots;
    }
  }
}
