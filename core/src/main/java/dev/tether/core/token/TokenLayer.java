package dev.tether.core.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One layer of a delegation chain: who holds it ({@code actor}), what it may reach (repositories,
 * tools and their AWS scopes), and until when. Only the grant names the issuer, the key, the task
 * and the user; every later layer inherits them and may only narrow the rest.
 *
 * <p>The constructor checks what one layer can check on its own; whether it is narrower than its
 * parent is {@link Narrowing}'s job.
 *
 * @param parentId the parent layer's id; {@code null} exactly for a grant
 * @param issuedAt epoch seconds
 * @param expiresAt epoch seconds, after {@code issuedAt}
 * @param tools by tool name, in a stable order; a grant's rights are all explicit, a tool-call
 *     layer has exactly one tool
 * @param confirmation the thumbprint of the workload key the chain is bound to (the {@code cnf}
 *     claim); only the task layer, which the Vault writes at redemption, has one
 * @param attestation the id of the Vault's attestation binding for that key (the {@code att}
 *     claim); only a task layer with a {@code cnf} has one
 */
public record TokenLayer(
    LayerKind kind,
    String id,
    String parentId,
    String issuer,
    String keyId,
    String taskId,
    String userId,
    String actor,
    long issuedAt,
    long expiresAt,
    List<String> repos,
    Map<String, ToolRights> tools,
    String confirmation,
    String attestation) {

  /** A layer without a key binding: every layer but the task layer. */
  public TokenLayer(
      LayerKind kind,
      String id,
      String parentId,
      String issuer,
      String keyId,
      String taskId,
      String userId,
      String actor,
      long issuedAt,
      long expiresAt,
      List<String> repos,
      Map<String, ToolRights> tools) {
    this(kind, id, parentId, issuer, keyId, taskId, userId, actor, issuedAt, expiresAt, repos,
        tools, null, null);
  }

  public static final int MAX_REPOS = 32;
  public static final int MAX_TOOLS = 64;
  /** A tool-call token lives at most this long (DESIGN.md §2). */
  public static final long MAX_TOOL_CALL_SECONDS = 60;

  private static final CharRule ID = new CharRule("_.:=+@-", 1, 128);
  private static final CharRule KEY_ID = new CharRule("_.-", 1, 64);
  /** What a Vault root key's id may be (a grant's {@code kid}, a session proof key's). */
  public static final String KEY_ID_RULE = KEY_ID.description();

  private static final CharRule TOOL = new CharRule("_.-", 1, 64);
  private static final CharRule NAME = new CharRule("._:/@+=,-", 1, 128);
  private static final CharRule THUMBPRINT = new CharRule("_-", 43, 43);

  /** Whether {@code keyId} can name a Vault root key ({@link #KEY_ID_RULE}). */
  public static boolean isKeyId(String keyId) {
    return keyId != null && KEY_ID.matches(keyId);
  }

  public TokenLayer {
    if (kind == null) {
      throw new IllegalArgumentException("token layer has no kind; use grant, task, turn or tool");
    }
    String layer = kind.wireName() + " layer";
    check(layer, "id", id, ID, ID.description());
    boolean grant = kind == LayerKind.GRANT;
    if (grant != (parentId == null)) {
      throw new IllegalArgumentException(
          grant
              ? "a grant starts the chain and has no parent id"
              : "the " + layer + " needs the id of its parent layer");
    }
    if (!grant) {
      check(layer, "parent id", parentId, ID, "a layer id");
    }
    requireOnlyOnGrant(layer, grant, "issuer", issuer);
    requireOnlyOnGrant(layer, grant, "key id", keyId);
    requireOnlyOnGrant(layer, grant, "task id", taskId);
    requireOnlyOnGrant(layer, grant, "user id", userId);
    if (grant) {
      check(layer, "issuer", issuer, NAME, "letters, digits and . _ : / @ + = , -, 1 to 128");
      check(layer, "key id", keyId, KEY_ID, KEY_ID_RULE);
      check(layer, "task id", taskId, NAME, "letters, digits and . _ : / @ + = , -, 1 to 128");
      check(layer, "user id", userId, NAME, "letters, digits and . _ : / @ + = , -, 1 to 128");
    }
    check(layer, "actor", actor, NAME, "letters, digits and . _ : / @ + = , -, 1 to 128");
    if (issuedAt < 0 || expiresAt <= issuedAt) {
      throw new IllegalArgumentException(
          "the " + layer + " must expire after it is issued (issued " + issuedAt + ", expires "
              + expiresAt + ", epoch seconds)");
    }
    repos = checkRepos(layer, repos);
    tools = checkTools(layer, kind, tools);
    if (confirmation != null) {
      if (kind != LayerKind.TASK) {
        throw new IllegalArgumentException(
            "only the task layer binds a workload key (cnf); the " + layer + " may not");
      }
      check(layer, "key thumbprint (cnf)", confirmation, THUMBPRINT,
          "a base64url SHA-256 JWK thumbprint, 43 characters");
    }
    if (attestation != null) {
      if (confirmation == null) {
        throw new IllegalArgumentException(
            "an attestation binding (att) needs the key it binds (cnf); the " + layer + " has none");
      }
      check(layer, "attestation binding (att)", attestation, ID, "a binding id");
    }
    if (kind == LayerKind.TOOL && expiresAt - issuedAt > MAX_TOOL_CALL_SECONDS) {
      throw new IllegalArgumentException(
          "a tool-call layer lives at most " + MAX_TOOL_CALL_SECONDS + " s; this one "
              + (expiresAt - issuedAt) + " s");
    }
  }

  /** The only tool of a tool-call layer. */
  public String toolName() {
    if (kind != LayerKind.TOOL) {
      throw new IllegalStateException("only a tool-call layer names one tool; this is a " + kind);
    }
    return tools.keySet().iterator().next();
  }

  private static List<String> checkRepos(String layer, List<String> repos) {
    if (repos == null) {
      throw new IllegalArgumentException("the " + layer + " has no repositories list; use [] for none");
    }
    if (repos.size() > MAX_REPOS) {
      throw new IllegalArgumentException(
          "the " + layer + " names " + repos.size() + " repositories; at most " + MAX_REPOS);
    }
    Set<String> seen = new HashSet<>();
    for (String repo : repos) {
      check(layer, "repository", repo, NAME, "letters, digits and . _ : / @ + = , -, 1 to 128");
      if (!seen.add(repo)) {
        throw new IllegalArgumentException("the " + layer + " names repository " + repo + " twice");
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(repos));
  }

  private static Map<String, ToolRights> checkTools(
      String layer, LayerKind kind, Map<String, ToolRights> tools) {
    if (tools == null) {
      throw new IllegalArgumentException("the " + layer + " has no tools map; use {} for none");
    }
    if (tools.size() > MAX_TOOLS) {
      throw new IllegalArgumentException(
          "the " + layer + " names " + tools.size() + " tools; at most " + MAX_TOOLS);
    }
    if (kind == LayerKind.TOOL && tools.size() != 1) {
      throw new IllegalArgumentException(
          "a tool-call layer names exactly one tool; this one names " + tools.size());
    }
    LinkedHashMap<String, ToolRights> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ToolRights> tool : tools.entrySet()) {
      check(layer, "tool name", tool.getKey(), TOOL, "letters, digits and _ . -, 1 to 64");
      if (tool.getValue() == null) {
        throw new IllegalArgumentException(
            "the " + layer + " has no rights for tool " + tool.getKey()
                + "; use ToolRights.inherited()");
      }
      if (kind == LayerKind.GRANT && tool.getValue().isInherited()) {
        throw new IllegalArgumentException(
            "the grant must give tool " + tool.getKey() + " an explicit scope: it has no parent");
      }
      copy.put(tool.getKey(), tool.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  private static void requireOnlyOnGrant(String layer, boolean grant, String field, String value) {
    if (!grant && value != null) {
      throw new IllegalArgumentException(
          "the " + layer + " may not set the " + field + ": only the grant names it");
    }
  }

  private static void check(
      String layer, String field, String value, CharRule rule, String allowed) {
    if (value == null) {
      throw new IllegalArgumentException("the " + layer + " has no " + field);
    }
    if (!rule.matches(value)) {
      throw new IllegalArgumentException(
          "the " + layer + "'s " + field + " must be " + allowed + " (" + value.length()
              + " characters given)");
    }
  }
}
