package dev.tether.bench.jmh;

import dev.tether.core.token.Attenuation;
import dev.tether.core.token.ChainRefusal;
import dev.tether.core.token.ChainVerifier;
import dev.tether.core.token.IssuerKeys;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.TokenLayer;
import dev.tether.core.token.TokenMinter;
import dev.tether.core.token.ToolRights;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the size of each layer of the demo-like four-layer chain (grant with the demo's four tools
 * and two repositories, its task token, a turn of two tools, one tool call), in characters of the
 * token's text: {@code java -cp tether-jmh.jar dev.tether.bench.jmh.TokenSizes}.
 */
public final class TokenSizes {

  private static final int TAG_CHARS = 43; // 32 bytes, base64url without padding

  private TokenSizes() {}

  public static void main(String[] args) throws ChainRefusal {
    IssuerKeys keys = IssuerKeys.random("tether-vault");
    LayeredToken token =
        fourLayers(new TokenMinter(keys), new ChainVerifier(keys, Duration.ofSeconds(30)));
    int total = LayeredToken.PREFIX.length();
    for (int i = 0; i < token.layers().size(); i++) {
      int size = token.layerTextLength(i);
      total += size;
      System.out.printf(
          "LAYER %-5s adds %4d chars; the token at this layer: %5d chars with its tag%n",
          token.layers().get(i).kind().wireName(), size, total + TAG_CHARS);
    }
    System.out.printf("TOKEN %d chars%n", token.encode().length());
  }

  static LayeredToken fourLayers(TokenMinter minter, ChainVerifier verifier) throws ChainRefusal {
    Instant now = Instant.now();
    LayeredToken grant =
        minter.mintGrant(
            "t-demo-1", "alice", "default", List.of("acme/widgets", "acme/lib"),
            TokenDerivation.TOOLS, now, Duration.ofHours(1));
    LayeredToken task =
        minter.redeem(verifier.verify(grant, now), "jvm-12345", now, Duration.ofHours(1));
    long at = now.getEpochSecond();
    Map<String, ToolRights> turnTools = new LinkedHashMap<>();
    turnTools.put("fetchSources", ToolRights.inherited());
    turnTools.put("readBuildLog", ToolRights.inherited());
    LayeredToken turn =
        Attenuation.derive(
            task,
            new TokenLayer(
                LayerKind.TURN, TokenMinter.newId("tn-"), task.last().id(), null, null, null,
                null, "turn:1", at, at + 3000, List.of("acme/widgets"), turnTools));
    return Attenuation.derive(
        turn,
        new TokenLayer(
            LayerKind.TOOL, TokenMinter.newId("call-"), turn.last().id(), null, null, null, null,
            "tool:fetchSources", at, at + 60, List.of("acme/widgets"),
            Map.of("fetchSources", ToolRights.inherited())));
  }
}
