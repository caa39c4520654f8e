package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link AwsScope#covers} and {@link AwsScope#firstWidening}: a covered child never
 * allows a request its parent refuses, and a child widened by one request the parent refuses is
 * never covered and is told which.
 */
class AwsScopeCoversPropertyTest {

  private static final List<String> ACTION_SYMBOLS = List.of("G", "e", "t", "*", "?");
  private static final List<String> RESOURCE_SYMBOLS =
      List.of("a", "A", "b", "/", "*", "?", "${repo}", "${task.id}");
  private static final String ARN = "arn:aws:s3:::";

  /** A parent and a child derived from it, mostly narrowed, sometimes replaced at random. */
  record Family(AwsScope parent, AwsScope child) {}

  @Property(tries = 10_000)
  void coveredChildAllowsOnlyWhatTheParentAllows(
      @ForAll("families") Family family, @ForAll("identities") TaskIdentity id, @ForAll long seed) {
    boolean covers = family.parent().covers(family.child());
    assertThat(covers).isEqualTo(family.parent().firstWidening(family.child()).isEmpty());
    Statistics.label("covers").collect(covers);
    Statistics.label("covers").coverage(c -> c.check(true).percentage(p -> p >= 25));
    if (!covers) {
      return;
    }
    AwsScope parent = family.parent().resolve(id);
    AwsScope child = family.child().resolve(id);
    Random random = new Random(seed);
    for (int n = 0; n < 10; n++) {
      String action = pick(child.actions(), random);
      String resource = pick(child.resources(), random);
      action = PatternLanguages.instance(action, random, "GetXo", true);
      resource = PatternLanguages.instance(resource, random, "aAb/c", false);
      assertThat(child.allows(action, resource)).as("sampler").isTrue();
      assertThat(parent.allows(action, resource))
          .as("%s covers %s, but not %s on %s (%s)", family, action, resource, id)
          .isTrue();
    }
  }

  @Property(tries = 10_000)
  void oneMoreActionTheParentRefusesIsNamed(
      @ForAll("scopes") AwsScope parent,
      @ForAll("concreteActions") String extra,
      @ForAll long seed) {
    List<String> actions = new ArrayList<>(parent.actions());
    actions.add(new Random(seed).nextInt(actions.size() + 1), extra);
    AwsScope child = new AwsScope(actions, parent.resources());
    boolean refused = parent.actions().stream().noneMatch(a -> IamPattern.matches(a, extra, true));
    Statistics.label("parent refuses the action").collect(refused);
    Statistics.label("parent refuses the action")
        .coverage(c -> c.check(true).percentage(p -> p >= 20));
    if (refused) {
      assertThat(parent.covers(child)).isFalse();
      assertThat(parent.firstWidening(child))
          .hasValue(
              "action "
                  + extra
                  + " is not allowed by the parent ("
                  + String.join(", ", parent.actions())
                  + ")");
    } else {
      assertThat(parent.covers(child)).as("%s allows %s", parent, extra).isTrue();
    }
  }

  @Property(tries = 10_000)
  void oneMoreResourceTheParentRefusesIsNamed(
      @ForAll("scopes") AwsScope parent,
      @ForAll("concreteResources") String extra,
      @ForAll("identities") TaskIdentity id,
      @ForAll long seed) {
    List<String> resources = new ArrayList<>(parent.resources());
    resources.add(new Random(seed).nextInt(resources.size() + 1), extra);
    AwsScope child = new AwsScope(parent.actions(), resources);
    // Refused for this identity is enough: covering must hold for every identity.
    boolean refused =
        parent.resolve(id).resources().stream().noneMatch(r -> IamPattern.matches(r, extra, false));
    Statistics.label("parent refuses the resource").collect(refused);
    Statistics.label("parent refuses the resource")
        .coverage(c -> c.check(true).percentage(p -> p >= 20));
    if (refused) {
      assertThat(parent.covers(child)).isFalse();
      assertThat(parent.firstWidening(child))
          .hasValue(
              "resource "
                  + extra
                  + " is outside the parent's resources ("
                  + String.join(", ", parent.resources())
                  + ")");
    } else if (!parent.hasPlaceholders()) {
      assertThat(parent.covers(child)).as("%s allows %s", parent, extra).isTrue();
    }
  }

  @Provide
  Arbitrary<AwsScope> scopes() {
    return Combinators.combine(
            actionPattern().list().ofMinSize(1).ofMaxSize(3),
            resourcePattern().list().ofMinSize(1).ofMaxSize(3))
        .as(AwsScope::new);
  }

  @Provide
  Arbitrary<Family> families() {
    return Combinators.combine(
            scopes(),
            actionPattern().list().ofMinSize(1).ofMaxSize(3),
            resourcePattern().list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.longs())
        .as(
            (parent, otherActions, otherResources, seed) -> {
              Random random = new Random(seed);
              List<String> actions = new ArrayList<>();
              for (String other : otherActions) {
                actions.add(random.nextInt(8) == 0 ? other : narrowAction(parent, random));
              }
              List<String> resources = new ArrayList<>();
              for (String other : otherResources) {
                resources.add(random.nextInt(8) == 0 ? other : narrowResource(parent, random));
              }
              return new Family(parent, new AwsScope(actions, resources));
            });
  }

  @Provide
  Arbitrary<String> concreteActions() {
    return Combinators.combine(
            Arbitraries.of("s3", "S3", "sqs"),
            Arbitraries.strings().withChars("GetXo").ofMinLength(1).ofMaxLength(4))
        .as((service, name) -> service + ":" + name);
  }

  @Provide
  Arbitrary<String> concreteResources() {
    return Arbitraries.strings().withChars("aAb/c").ofMaxLength(6).map(s -> ARN + s);
  }

  @Provide
  Arbitrary<TaskIdentity> identities() {
    Arbitrary<String> value = Arbitraries.strings().withChars("ab/").ofMinLength(1).ofMaxLength(3);
    return Combinators.combine(value, value, value).as(TaskIdentity::new);
  }

  private static Arbitrary<String> actionPattern() {
    return Combinators.combine(
            Arbitraries.of("s3", "sqs"),
            Arbitraries.of(ACTION_SYMBOLS).list().ofMinSize(1).ofMaxSize(4))
        .as((service, name) -> service + ":" + String.join("", name));
  }

  private static Arbitrary<String> resourcePattern() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just("*")),
        Tuple.of(
            9, PatternPairs.patterns(RESOURCE_SYMBOLS, 6).map(p -> ARN + p)));
  }

  private static String narrowAction(AwsScope parent, Random random) {
    String narrowed = PatternPairs.narrow(ACTION_SYMBOLS, pick(parent.actions(), random), random);
    // An all-star name may narrow to nothing, which is not an action; any name is inside it.
    return narrowed.endsWith(":") ? narrowed + "Get" : narrowed;
  }

  private static String narrowResource(AwsScope parent, Random random) {
    String narrowed =
        PatternPairs.narrow(RESOURCE_SYMBOLS, pick(parent.resources(), random), random);
    // Narrowing '*' may give something that is not an ARN; any ARN is inside '*'.
    return narrowed.equals("*") || narrowed.startsWith("arn:") ? narrowed : ARN + narrowed;
  }

  private static String pick(List<String> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }
}
