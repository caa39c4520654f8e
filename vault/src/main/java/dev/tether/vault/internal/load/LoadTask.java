package dev.tether.vault.internal.load;

import dev.tether.core.token.Attenuation;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.TokenMinter;
import dev.tether.core.token.ToolRights;
import java.util.Map;

/**
 * One task of a load run, as an agent holds it: its workload key and its turn token, from which
 * tool-call tokens are derived offline, as the agent derives them ({@link Attenuation}).
 */
final class LoadTask {

  private final ProofKey key;
  private final LayeredToken turn;
  private final String tool;

  LoadTask(ProofKey key, LayeredToken turn, String tool) {
    this.key = key;
    this.turn = turn;
    this.tool = tool;
  }

  ProofKey key() {
    return key;
  }

  /** A tool-call token for the task's tool, issued at {@code now}, living a tool call's minute. */
  String toolCall(long now) {
    TokenLayer parent = turn.last();
    TokenLayer call = new TokenLayer(
        LayerKind.TOOL, TokenMinter.newId("call-"), parent.id(), null, null, null, null,
        "tool:" + tool, now, Math.min(parent.expiresAt(), now + TokenLayer.MAX_TOOL_CALL_SECONDS),
        parent.repos(), Map.of(tool, ToolRights.inherited()));
    try {
      return Attenuation.derive(turn, call).encode();
    } catch (ChainRefusal e) {
      throw new IllegalStateException("cannot derive a tool-call token: " + e.getMessage(), e);
    }
  }

  /** Seconds until the turn token expires, from {@code now}. */
  long secondsLeft(long now) {
    return turn.last().expiresAt() - now;
  }
}
