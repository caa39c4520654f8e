package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link ApiConfig#removedHeaders()} over random header names in random letter case:
 * a request to an API goes without {@code Authorization} and every listed header, once each, and
 * never without the header its token goes in.
 */
class RemovedHeadersPropertyTest {

  @Property(tries = 2_000)
  void everyCredentialHeaderButTheTokensOwnIsRemovedOnce(
      @ForAll("names") String header, @ForAll("nameLists") List<String> removes) {
    List<String> removed =
        new ApiConfig("api.example.com", ApiConfig.TIME_BOXED, header, "", removes, 1)
            .removedHeaders();

    Statistics.label("token in Authorization").collect(header.equalsIgnoreCase("Authorization"));
    assertThat(removed).as("never the token's own header")
        .noneMatch(header::equalsIgnoreCase);
    assertThat(removed.stream().map(name -> name.toLowerCase(Locale.ROOT)))
        .as("each name once, in any letter case").doesNotHaveDuplicates();
    assertThat(removed.stream().anyMatch("Authorization"::equalsIgnoreCase))
        .as("Authorization, unless the token goes there")
        .isEqualTo(!header.equalsIgnoreCase("Authorization"));
    for (String name : removes) {
      assertThat(name.equalsIgnoreCase(header) || removed.stream().anyMatch(name::equalsIgnoreCase))
          .as("%s, listed under removes", name).isTrue();
    }
    for (String name : removed) {
      assertThat(name.equalsIgnoreCase("Authorization")
          || removes.stream().anyMatch(name::equalsIgnoreCase))
          .as("%s: nothing that was not asked for", name).isTrue();
    }
  }

  /** A few names in random case, so that collisions with the token's header are common. */
  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("Authorization", "X-Api-Key", "Private-Token", "Api-Key")
        .flatMap(name -> Arbitraries.integers().between(0, 2).map(caseOf -> caseOf == 0
            ? name : caseOf == 1 ? name.toLowerCase(Locale.ROOT) : name.toUpperCase(Locale.ROOT)));
  }

  @Provide
  Arbitrary<List<String>> nameLists() {
    return names().list().ofMaxSize(5);
  }
}
