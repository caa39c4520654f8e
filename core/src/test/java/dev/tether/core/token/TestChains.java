package dev.tether.core.token;

import dev.tether.core.scope.AwsScope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds real chains for tests: a Vault's keys, a grant, its task token, turns and tool calls. */
final class TestChains {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final AwsScope READ_SOURCES =
      new AwsScope(
          List.of("s3:GetObject", "s3:ListBucket"),
          List.of("arn:aws:s3:::src/${repo}/*", "arn:aws:s3:::src"));
  static final AwsScope WRITE_PATCH =
      new AwsScope(List.of("s3:PutObject"), List.of("arn:aws:s3:::patches/${task.id}/*"));

  final IssuerKeys keys = IssuerKeys.random("tether-vault-test");
  final TokenMinter minter = new TokenMinter(keys);
  final ChainVerifier verifier = new ChainVerifier(keys, Duration.ofSeconds(30));

  LayeredToken grant() {
    Map<String, AwsScope> tools = new LinkedHashMap<>();
    tools.put("fetchSources", READ_SOURCES);
    tools.put("writePatch", WRITE_PATCH);
    return minter.mintGrant(
        "t-42", "alice", "ci", List.of("acme/app", "acme/lib"), tools, NOW, Duration.ofHours(1));
  }

  LayeredToken task() throws ChainRefusal {
    return minter.redeem(verifier.verify(grant(), NOW), "runtime-1", NOW, Duration.ofHours(1));
  }

  static TokenLayer turn(LayeredToken parent, List<String> tools, List<String> repos) {
    Map<String, ToolRights> rights = new LinkedHashMap<>();
    for (String tool : tools) {
      rights.put(tool, ToolRights.inherited());
    }
    long at = NOW.getEpochSecond();
    return new TokenLayer(
        LayerKind.TURN, TokenMinter.newId("tn-"), parent.last().id(), null, null, null, null,
        "turn:1", at, at + 600, repos, rights);
  }

  static TokenLayer toolCall(LayeredToken parent, String tool, ToolRights rights) {
    long at = NOW.getEpochSecond();
    return new TokenLayer(
        LayerKind.TOOL, TokenMinter.newId("call-"), parent.last().id(), null, null, null, null,
        "tool:" + tool, at, at + 60, parent.last().repos(), Map.of(tool, rights));
  }

  /** A child the agent would refuse, MACed anyway by someone holding the parent's tag. */
  static LayeredToken forge(LayeredToken parent, TokenLayer child) {
    byte[] json = LayerCodec.write(child);
    return parent.append(child, json, TokenMac.mac(parent.tagUnsafe(), json), null);
  }

  /** The token's text with one layer's JSON replaced and the tag kept. */
  static String replaceLayer(LayeredToken token, int index, TokenLayer replacement) {
    String[] parts = token.encode().substring(LayeredToken.PREFIX.length()).split("\\.");
    parts[index] =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(LayerCodec.write(replacement));
    return LayeredToken.PREFIX + String.join(".", parts);
  }
}
