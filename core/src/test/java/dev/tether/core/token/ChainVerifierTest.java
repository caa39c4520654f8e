package dev.tether.core.token;

import static dev.tether.core.token.TestChains.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.scope.AwsScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private final TestChains chains = new TestChains();

  @Test
  void aFourLayerChainVerifiesAndNarrowsToOneTool() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken turn =
        Attenuation.derive(task, TestChains.turn(task, List.of("fetchSources"), List.of("acme/app")));
    LayeredToken call =
        Attenuation.derive(
            turn, TestChains.toolCall(turn, "fetchSources", ToolRights.inherited()));

    VerifiedChain verified = chains.verifier.verify(call.encode(), NOW.plusSeconds(5));

    assertThat(verified.last().kind()).isEqualTo(LayerKind.TOOL);
    assertThat(verified.delegation())
        .containsExactly(
            "user:alice", "orchestrator:ci", "agent:runtime-1", "turn:1", "tool:fetchSources");
    assertThat(verified.scope().tools()).containsOnlyKeys("fetchSources");
    assertThat(verified.scope().resolvedAws("fetchSources").resources())
        .containsExactly("arn:aws:s3:::src/acme/app/*", "arn:aws:s3:::src");
    assertThat(verified.scope().resolvedAws("writePatch").isEmpty()).isTrue();
  }

  @Test
  void aToolCalledOutsideAnyTurnDerivesFromTheTask() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken call =
        Attenuation.derive(task, TestChains.toolCall(task, "writePatch", ToolRights.inherited()));

    assertThat(chains.verifier.verify(call.encode(), NOW).scope().resolvedAws("writePatch").resources())
        .containsExactly("arn:aws:s3:::patches/t-42/*");
  }

  @Test
  void aChangedLayerIsTampered() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken call =
        Attenuation.derive(task, TestChains.toolCall(task, "fetchSources", ToolRights.inherited()));
    // The same tool, narrower even, but changed after the MAC: only the tag's holder may add.
    TokenLayer changed =
        TestChains.toolCall(
            task, "fetchSources", ToolRights.of(new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::src"))));

    assertRefused(TestChains.replaceLayer(call, 2, changed), ChainRefusal.Reason.TAMPERED);
  }

  @Test
  void aRemovedLayerIsTampered() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken turn =
        Attenuation.derive(task, TestChains.turn(task, List.of("fetchSources"), List.of("acme/app")));
    LayeredToken call =
        Attenuation.derive(turn, TestChains.toolCall(turn, "fetchSources", ToolRights.inherited()));
    String[] parts = call.encode().split("\\.");
    // Drop the turn and relink nothing: the tool layer's parent is then missing.
    String withoutTurn = String.join(".", parts[0], parts[1], parts[2], parts[4], parts[5]);

    assertRefused(withoutTurn, ChainRefusal.Reason.BROKEN);
  }

  @Test
  void aCutTokenIsTruncated() throws Exception {
    String text = chains.task().encode();

    assertRefused(text.substring(0, text.length() - 5), ChainRefusal.Reason.TRUNCATED);
    assertRefused(text.substring(0, text.lastIndexOf('.')), ChainRefusal.Reason.TRUNCATED);
  }

  @Test
  void layersInAnotherOrderAreReordered() throws Exception {
    LayeredToken task = chains.task();
    String[] parts = task.encode().split("\\.");
    String swapped = String.join(".", parts[0], parts[2], parts[1], parts[3]);

    assertRefused(swapped, ChainRefusal.Reason.REORDERED);
  }

  @Test
  void twoTurnsInARowAreReordered() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken turn =
        Attenuation.derive(task, TestChains.turn(task, List.of("fetchSources"), List.of("acme/app")));
    TokenLayer secondTurn = TestChains.turn(turn, List.of("fetchSources"), List.of("acme/app"));

    assertThatThrownBy(() -> Attenuation.derive(turn, secondTurn))
        .isInstanceOfSatisfying(
            ChainRefusal.class, e -> assertThat(e.reason()).isEqualTo(ChainRefusal.Reason.REORDERED));
    assertRefused(TestChains.forge(turn, secondTurn).encode(), ChainRefusal.Reason.REORDERED);
  }

  @Test
  void aWidenedLayerIsRefusedByTheAgentAndByTheVault() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken turn =
        Attenuation.derive(task, TestChains.turn(task, List.of("fetchSources"), List.of("acme/app")));
    TokenLayer widerTool =
        TestChains.toolCall(
            turn,
            "fetchSources",
            ToolRights.of(new AwsScope(List.of("s3:DeleteObject"), List.of("arn:aws:s3:::src"))));
    TokenLayer otherTool = TestChains.toolCall(turn, "writePatch", ToolRights.inherited());

    for (TokenLayer child : List.of(widerTool, otherTool)) {
      assertThatThrownBy(() -> Attenuation.derive(turn, child))
          .isInstanceOfSatisfying(
              ChainRefusal.class, e -> assertThat(e.reason()).isEqualTo(ChainRefusal.Reason.WIDENED));
      assertRefused(TestChains.forge(turn, child).encode(), ChainRefusal.Reason.WIDENED);
    }
  }

  @Test
  void aLayerOutlivingItsParentIsWidened() throws Exception {
    LayeredToken task = chains.task();
    long at = task.last().expiresAt() - 10;
    TokenLayer late =
        new TokenLayer(
            LayerKind.TOOL, "call-late", task.last().id(), null, null, null, null, "tool:x", at,
            at + 60, List.of(), Map.of("writePatch", ToolRights.inherited()));

    assertRefused(TestChains.forge(task, late).encode(), ChainRefusal.Reason.WIDENED);
  }

  @Test
  void expiredAndFutureLayersAreRefusedWithTheirOwnReasons() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken call =
        Attenuation.derive(task, TestChains.toolCall(task, "writePatch", ToolRights.inherited()));

    assertThat(refusal(call.encode(), NOW.plusSeconds(61)).reason())
        .isEqualTo(ChainRefusal.Reason.EXPIRED);
    assertThat(refusal(call.encode(), NOW.minusSeconds(31)).reason())
        .isEqualTo(ChainRefusal.Reason.NOT_YET_VALID);
    assertThat(chains.verifier.verify(call.encode(), NOW.minusSeconds(29))).isNotNull();
  }

  @Test
  void grantsOfAnotherVaultAreRefusedByWhatGivesThemAway() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    IssuerKeys otherIssuer = IssuerKeys.random("someone-else");
    IssuerKeys sameNameOtherKeyId =
        new IssuerKeys("tether-vault-test", "k2", Map.of("k2", secret));
    IssuerKeys sameNameSameKeyIdOtherSecret =
        new IssuerKeys("tether-vault-test", "k1", Map.of("k1", secret));

    assertRefused(grantFrom(otherIssuer), ChainRefusal.Reason.FOREIGN_ISSUER);
    assertRefused(grantFrom(sameNameOtherKeyId), ChainRefusal.Reason.UNKNOWN_KEY);
    assertRefused(grantFrom(sameNameSameKeyIdOtherSecret), ChainRefusal.Reason.TAMPERED);
  }

  @Test
  void aRotatedOutKeyStillVerifiesWhileTheVaultHoldsIt() throws Exception {
    byte[] oldSecret = new byte[32];
    byte[] newSecret = new byte[32];
    new java.security.SecureRandom().nextBytes(oldSecret);
    new java.security.SecureRandom().nextBytes(newSecret);
    IssuerKeys before = new IssuerKeys("v", "k1", Map.of("k1", oldSecret));
    IssuerKeys after = new IssuerKeys("v", "k2", Map.of("k1", oldSecret, "k2", newSecret));
    String grant = grantFrom(before);

    assertThat(new ChainVerifier(after, Duration.ZERO).verify(grant, NOW).last().keyId())
        .isEqualTo("k1");
  }

  @Test
  void aChainDeeperThanFourLayersIsTooDeep() throws Exception {
    LayeredToken task = chains.task();
    LayeredToken turn =
        Attenuation.derive(task, TestChains.turn(task, List.of("fetchSources"), List.of("acme/app")));
    LayeredToken call =
        Attenuation.derive(turn, TestChains.toolCall(turn, "fetchSources", ToolRights.inherited()));
    TokenLayer fifth = TestChains.toolCall(call, "fetchSources", ToolRights.inherited());

    assertThatThrownBy(() -> Attenuation.derive(call, fifth)).isInstanceOf(ChainRefusal.class);
    assertRefused(TestChains.forge(call, fifth).encode(), ChainRefusal.Reason.TOO_DEEP);
  }

  @Test
  void messagesNeverQuoteTheToken() throws Exception {
    String text = chains.task().encode();
    String tag = text.substring(text.lastIndexOf('.') + 1);
    ChainRefusal refusal = refusal(text, NOW.plus(Duration.ofDays(1)));

    assertThat(refusal.getMessage()).doesNotContain(tag).contains("expired");
    assertThat(chains.task().toString()).doesNotContain(tag).contains("<redacted>");
  }

  private static String grantFrom(IssuerKeys keys) {
    return new TokenMinter(keys)
        .mintGrant(
            "t-1", "bob", "ci", List.of("acme/app"), Map.of("writePatch", TestChains.WRITE_PATCH),
            NOW, Duration.ofHours(1))
        .encode();
  }

  private ChainRefusal refusal(String text, java.time.Instant at) {
    try {
      chains.verifier.verify(text, at);
    } catch (ChainRefusal e) {
      return e;
    }
    throw new AssertionError("the verifier accepted the token");
  }

  private void assertRefused(String text, ChainRefusal.Reason reason) {
    ChainRefusal refusal = refusal(text, NOW);
    assertThat(refusal.reason()).as(refusal.getMessage()).isEqualTo(reason);
    assertThat(refusal.getMessage()).doesNotContain(text.substring(text.lastIndexOf('.') + 1));
  }
}
