package dev.tether.core.token;

import dev.tether.core.scope.AwsScope;
import java.util.Map;

/**
 * The one rule of the chain: a child never has more than its parent. Used by the agent before it
 * derives a layer and by the Vault on every layer it verifies, so both refuse the same things.
 */
public final class Narrowing {

  private Narrowing() {}

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
        java.util.Optional<String> widening = parentScope.firstWidening(tool.getValue().aws());
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
