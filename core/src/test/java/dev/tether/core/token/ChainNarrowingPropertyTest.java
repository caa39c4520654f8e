package dev.tether.core.token;

import static dev.tether.core.token.TestChains.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.scope.AwsScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random grants and random chains below them. The agent derives only what narrows, the Vault
 * accepts what the agent derives, and every widening, even MACed by a holder of the parent's tag,
 * is refused by both.
 */
class ChainNarrowingPropertyTest {

  private static final List<String> ACTIONS =
      List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:Get*", "dynamodb:Query",
          "dynamodb:*");
  private static final List<String> RESOURCES =
      List.of("arn:aws:s3:::src/${repo}/*", "arn:aws:s3:::src", "arn:aws:s3:::logs/${task.id}/*",
          "arn:aws:s3:::out/${user.id}/*", "arn:aws:dynamodb:us-east-1:1:table/t", "*");
  private static final List<String> TOOLS = List.of("fetch", "patch", "publish", "query", "lint");
  private static final List<String> REPOS = List.of("acme/app", "acme/lib", "acme/web", "o/x");

  /** Concrete requests to probe scopes with: every (action, resource) pair of these. */
  private static final List<String> PROBE_ACTIONS =
      List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObjectTagging",
          "dynamodb:Query", "dynamodb:GetItem", "sqs:SendMessage");
  private static final List<String> PROBE_RESOURCES =
      List.of("arn:aws:s3:::src/acme/app/a.java", "arn:aws:s3:::src/acme/lib/b", "arn:aws:s3:::src/o/x/c",
          "arn:aws:s3:::src/acme/web/d", "arn:aws:s3:::src", "arn:aws:s3:::logs/t-7/l",
          "arn:aws:s3:::logs/t-8/l", "arn:aws:s3:::out/u1/r", "arn:aws:s3:::out/u2/r",
          "arn:aws:dynamodb:us-east-1:1:table/t", "arn:aws:s3:::any/thing");

  private final TestChains chains = new TestChains();

  @Property(tries = 10_000)
  void everyDerivedLayerIsAcceptedAndNoWiderThanItsParent(@ForAll("seeds") long seed)
      throws ChainRefusal {
    Random random = new Random(seed);
    LayeredToken parent = randomTask(random);
    while (parent.layers().size() < LayeredToken.MAX_LAYERS && parent.last().kind() != LayerKind.TOOL) {
      TokenLayer child = narrowerChild(parent, random);
      LayeredToken derived = Attenuation.derive(parent, child);

      VerifiedChain verified = chains.verifier.verify(derived.encode(), NOW);
      assertNoWider(parent.effectiveScope(), verified.scope());
      parent = derived;
    }
  }

  @Property(tries = 10_000)
  void everyWideningIsRefusedByTheAgentAndByTheVault(@ForAll("seeds") long seed)
      throws ChainRefusal {
    Random random = new Random(seed);
    LayeredToken parent = randomTask(random);
    if (random.nextBoolean()) {
      parent = Attenuation.derive(parent, narrowerChild(parent, random));
    }
    if (parent.last().kind() == LayerKind.TOOL) {
      return; // nothing derives from a tool call
    }
    TokenLayer wider = widen(parent, narrowerChild(parent, random), random);
    LayeredToken base = parent;

    assertThatThrownBy(() -> Attenuation.derive(base, wider))
        .isInstanceOfSatisfying(
            ChainRefusal.class,
            e -> assertThat(e.reason()).isEqualTo(ChainRefusal.Reason.WIDENED));
    ChainRefusal atVault = refusal(TestChains.forge(parent, wider).encode());
    assertThat(atVault.reason()).as(atVault.getMessage()).isEqualTo(ChainRefusal.Reason.WIDENED);
  }

  @Property(tries = 10_000)
  void anyChangedCharacterIsRefused(@ForAll("seeds") long seed) throws ChainRefusal {
    Random random = new Random(seed);
    LayeredToken task = randomTask(random);
    LayeredToken token = Attenuation.derive(task, narrowerChild(task, random));
    String text = token.encode();
    int at = LayeredToken.PREFIX.length() + random.nextInt(text.length() - LayeredToken.PREFIX.length());
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";
    char replacement;
    do {
      replacement = alphabet.charAt(random.nextInt(alphabet.length()));
    } while (replacement == text.charAt(at));
    String changed = text.substring(0, at) + replacement + text.substring(at + 1);

    assertThat(refusal(changed)).isNotNull();
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  private LayeredToken randomTask(Random random) throws ChainRefusal {
    Map<String, AwsScope> tools = new LinkedHashMap<>();
    for (String tool : subset(TOOLS, random, 1)) {
      tools.put(tool, new AwsScope(subset(ACTIONS, random, 1), subset(RESOURCES, random, 1)));
    }
    LayeredToken grant =
        chains.minter.mintGrant(
            "t-7", "u1", "ci", subset(REPOS, random, 1), tools, NOW, Duration.ofHours(2));
    return chains.minter.redeem(chains.verifier.verify(grant, NOW), "rt", NOW, Duration.ofHours(1));
  }

  /** A turn (from a task) or a tool call, each part a random narrowing of the parent's. */
  private static TokenLayer narrowerChild(LayeredToken parent, Random random) {
    EffectiveScope scope = parent.effectiveScope();
    long at = Math.min(scope.issuedAt() + random.nextInt(5), scope.expiresAt() - 1);
    boolean turn = parent.last().kind() == LayerKind.TASK && random.nextBoolean();
    List<String> repos = subset(scope.repos(), random, 0);
    if (turn) {
      Map<String, ToolRights> tools = new LinkedHashMap<>();
      for (String tool : subset(new ArrayList<>(scope.tools().keySet()), random, 1)) {
        tools.put(tool, random.nextBoolean() ? ToolRights.inherited() : ToolRights.of(narrower(scope.tools().get(tool), random)));
      }
      long until = Math.min(scope.expiresAt(), at + 1 + random.nextInt(3600));
      return new TokenLayer(LayerKind.TURN, TokenMinter.newId("tn-"), parent.last().id(), null,
          null, null, null, "turn:1", at, until, repos, tools);
    }
    List<String> names = new ArrayList<>(scope.tools().keySet());
    String tool = names.get(random.nextInt(names.size()));
    ToolRights rights = random.nextBoolean() ? ToolRights.inherited() : ToolRights.of(narrower(scope.tools().get(tool), random));
    long until = Math.min(scope.expiresAt(), at + 1 + random.nextInt((int) TokenLayer.MAX_TOOL_CALL_SECONDS));
    return new TokenLayer(LayerKind.TOOL, TokenMinter.newId("call-"), parent.last().id(), null,
        null, null, null, "tool:" + tool, at, until, repos, Map.of(tool, rights));
  }

  /** A sub-list of the patterns, some wildcards replaced by a literal they match. */
  private static AwsScope narrower(AwsScope scope, Random random) {
    if (scope.isEmpty() || random.nextInt(8) == 0) {
      return AwsScope.none();
    }
    List<String> actions = new ArrayList<>();
    for (String action : subset(scope.actions(), random, 1)) {
      actions.add(action.equals("s3:Get*") && random.nextBoolean() ? "s3:GetObject"
          : action.equals("dynamodb:*") && random.nextBoolean() ? "dynamodb:GetItem" : action);
    }
    List<String> resources = new ArrayList<>();
    for (String resource : subset(scope.resources(), random, 1)) {
      resources.add(resource.equals("*") && random.nextBoolean() ? "arn:aws:s3:::any/thing" : resource);
    }
    return new AwsScope(dedupe(actions), dedupe(resources));
  }

  /** The child with exactly one thing its parent does not allow. */
  private static TokenLayer widen(LayeredToken parent, TokenLayer child, Random random) {
    EffectiveScope scope = parent.effectiveScope();
    List<String> repos = new ArrayList<>(child.repos());
    Map<String, ToolRights> tools = new LinkedHashMap<>(child.tools());
    long expiresAt = child.expiresAt();
    long issuedAt = child.issuedAt();
    String tool = tools.isEmpty() ? null : tools.keySet().iterator().next();
    int way = random.nextInt(5);
    if (way == 0 && scope.repos().size() < REPOS.size()) {
      repos.add(REPOS.stream().filter(r -> !scope.repos().contains(r)).findFirst().orElseThrow());
    } else if (way == 1 && child.kind() == LayerKind.TURN && scope.tools().size() < TOOLS.size()) {
      tools.put(TOOLS.stream().filter(t -> !scope.tools().containsKey(t)).findFirst().orElseThrow(),
          ToolRights.inherited());
    } else if ((way == 2 || way == 3) && tool != null) {
      AwsScope base = scope.tools().get(tool);
      List<String> actions = new ArrayList<>(base.isEmpty() ? List.of("s3:GetObject") : base.actions());
      List<String> resources = new ArrayList<>(base.isEmpty() ? List.of("arn:aws:s3:::src") : base.resources());
      if (way == 2 || base.isEmpty() || base.resources().contains("*")) {
        actions.add("sqs:SendMessage");
      } else {
        resources.add("arn:aws:s3:::elsewhere/x");
      }
      tools.put(tool, ToolRights.of(new AwsScope(actions, resources)));
    } else {
      expiresAt = scope.expiresAt() + 1 + random.nextInt(100);
      if (child.kind() == LayerKind.TOOL) {
        issuedAt = expiresAt - 30;
      }
    }
    if (issuedAt < scope.issuedAt()) {
      issuedAt = scope.issuedAt();
    }
    return new TokenLayer(child.kind(), child.id(), child.parentId(), null, null, null, null,
        child.actor(), issuedAt, expiresAt, repos, tools);
  }

  private static void assertNoWider(EffectiveScope parent, EffectiveScope child) {
    assertThat(parent.repos()).containsAll(child.repos());
    assertThat(parent.tools().keySet()).containsAll(child.tools().keySet());
    assertThat(child.expiresAt()).isLessThanOrEqualTo(parent.expiresAt());
    for (String tool : child.tools().keySet()) {
      AwsScope narrow = child.resolvedAws(tool);
      AwsScope wide = parent.resolvedAws(tool);
      for (String action : PROBE_ACTIONS) {
        for (String resource : PROBE_RESOURCES) {
          if (narrow.allows(action, resource)) {
            assertThat(wide.allows(action, resource))
                .as("%s may %s on %s in the child but not in its parent", tool, action, resource)
                .isTrue();
          }
        }
      }
    }
  }

  private ChainRefusal refusal(String text) {
    try {
      chains.verifier.verify(text, NOW);
    } catch (ChainRefusal e) {
      return e;
    }
    return null;
  }

  private static <T> List<T> subset(List<T> from, Random random, int atLeast) {
    List<T> out = new ArrayList<>();
    for (T t : from) {
      if (random.nextBoolean()) {
        out.add(t);
      }
    }
    while (out.size() < Math.min(atLeast, from.size())) {
      T t = from.get(random.nextInt(from.size()));
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<String> dedupe(List<String> values) {
    return new ArrayList<>(new java.util.LinkedHashSet<>(values));
  }
}
