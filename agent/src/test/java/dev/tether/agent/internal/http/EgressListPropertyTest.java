package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link EgressList#allows} over random host names and lists: an entry admits only
 * what it names, a wildcard only names under its domain, and a list admits no more than its
 * entries one by one; so no list ever admits a host its entries do not spell out.
 */
class EgressListPropertyTest {

  @Property(tries = 2_000)
  void anExactEntryAdmitsExactlyItsHost(@ForAll("hosts") String entry, @ForAll("hosts") String host) {
    assertThat(EgressList.allows(List.of(entry), host)).isEqualTo(entry.equals(host));
  }

  @Property(tries = 2_000)
  void aWildcardAdmitsNamesUnderItsDomainOnly(
      @ForAll("hosts") String domain, @ForAll("hosts") String prefix, @ForAll("labels") String glued) {
    List<String> wildcard = List.of("*." + domain);
    assertThat(EgressList.allows(wildcard, prefix + "." + domain)).isTrue();
    assertThat(EgressList.allows(wildcard, domain)).as("not the domain itself").isFalse();
    assertThat(EgressList.allows(wildcard, glued + domain))
        .as("a name that only ends with the domain's text").isFalse();
  }

  @Property(tries = 2_000)
  void aListAdmitsWhatOneOfItsEntriesAdmitsAndNothingElse(
      @ForAll("entryLists") List<String> entries, @ForAll("hosts") String host) {
    boolean byOne = false;
    for (String entry : entries) {
      byOne |= EgressList.allows(List.of(entry), host);
    }
    boolean allowed = EgressList.allows(entries, host);
    Statistics.label("admitted").collect(allowed);
    assertThat(allowed).isEqualTo(byOne);
    List<String> more = new ArrayList<>(entries);
    more.add("extra.example");
    assertThat(!allowed || EgressList.allows(more, host)).as("adding an entry removes nothing")
        .isTrue();
  }

  /** Host names over a tiny alphabet, so that random pairs collide often enough to matter. */
  @Provide
  Arbitrary<String> hosts() {
    return labels().list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(".", parts));
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings().withChars('a', 'b', '-').ofMinLength(1).ofMaxLength(3);
  }

  @Provide
  Arbitrary<List<String>> entryLists() {
    Arbitrary<String> entry = Arbitraries.oneOf(hosts(), hosts().map(h -> "*." + h));
    return entry.list().ofMinSize(0).ofMaxSize(4);
  }
}
