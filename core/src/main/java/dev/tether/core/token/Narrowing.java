package dev.tether.core.token;

import dev.tether.core.scope.AwsScope;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rule of the chain: a child never has more than its parent. Used by the agent before it
 * derives a layer and by the Vault on every layer it verifies, so both refuse the same things.
 */
public final class Narrowing {

  private static final int MAX_REMEMBERED = 1024;

  /**
   * Containment answers already computed: a tool's configured scope meets the same parent scope at
   * every call, and the pattern check costs microseconds where the rest of a derivation costs a few.
   * Scopes are immutable values, so an answer never changes.
   */
  private static final Map<ScopePair, Optional<String>> REMEMBERED = new ConcurrentHashMap<>();

  private record ScopePair(AwsScope parent, AwsScope child) {}

  private Narrowing() {}

  private static Optional<String> scopeWidening(AwsScope parent, AwsScope child) {
    if (parent.equals(child)) {
      return Optional.empty();
    }
    ScopePair pair = new ScopePair(parent, child);
    Optional<String> known = REMEMBERED.get(pair);
    if (known == null) {
      known = parent.firstWidening(child);
      if (REMEMBERED.size() >= MAX_REMEMBERED) {
        REMEMBERED.clear();
      }
      REMEMBERED.put(pair, known);
    }
    return known;
  }

  /** What in {@code child} exceeds {@code parent}, or {@code null} if nothing does. */
  public static String firstWidening(EffectiveScope parent, TokenLayer child) {
    String layer = "the " + child.kind().wireName() + " layer";
    for (String repo : child.repos()) {
      if (!parent.repos().contains(repo)) {
        return layer + " names repository " + repo + ", which its parent does not allow ("
            + String.join(", ", parent.repos()) + ")";
      }
    }
    for (Map.Entry<String, ToolRights> tool : child.tools().entrySet()) {
      AwsScope parentScope = parent.tools().get(tool.getKey());
      if (parentScope == null) {
        return layer + " names tool " + tool.getKey() + ", which its parent does not grant ("
            + String.join(", ", parent.tools().keySet()) + ")";
      }
      if (!tool.getValue().isInherited()) {
        Optional<String> widening = scopeWidening(parentScope, tool.getValue().aws());
        if (widening.isPresent()) {
          return layer + " widens tool " + tool.getKey() + ": " + widening.get();
        }
      }
    }
    if (child.expiresAt() > parent.expiresAt()) {
      return layer + " expires at " + child.expiresAt() + ", after its parent ("
          + parent.expiresAt() + ", epoch seconds)";
    }
    if (child.issuedAt() < parent.issuedAt()) {
      return layer + " claims to be issued at " + child.issuedAt() + ", before its parent ("
          + parent.issuedAt() + ")";
    }
    return null;
  }
}
