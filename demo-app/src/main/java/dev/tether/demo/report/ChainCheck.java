package dev.tether.demo.report;

import dev.tether.vault.ChainLink;
import java.util.List;
import java.util.Optional;

/**
 * What the demo expects of every credential's token: four layers, grant, task, turn and tool call,
 * each allowing no tool, repository or second its parent did not.
 */
final class ChainCheck {

  static final List<String> LAYERS = List.of("grant", "task", "turn", "tool");

  private ChainCheck() {}

  static Optional<String> problem(List<ChainLink> chain) {
    List<String> kinds = chain.stream().map(ChainLink::layer).toList();
    if (!kinds.equals(LAYERS)) {
      return Optional.of("its token has layers " + kinds + ", not " + LAYERS);
    }
    for (int i = 1; i < chain.size(); i++) {
      ChainLink parent = chain.get(i - 1);
      ChainLink child = chain.get(i);
      if (!parent.tools().containsAll(child.tools())
          || !parent.repos().containsAll(child.repos())
          || child.expiresAt() > parent.expiresAt()) {
        return Optional.of("its " + child.layer() + " layer is wider than its " + parent.layer());
      }
    }
    if (chain.get(3).tools().size() != 1) {
      return Optional.of("its tool-call layer allows " + chain.get(3).tools() + ", not one tool");
    }
    return Optional.empty();
  }
}
