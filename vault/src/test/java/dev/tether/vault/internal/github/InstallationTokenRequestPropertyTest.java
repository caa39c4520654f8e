package dev.tether.vault.internal.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random turns: the request to GitHub never names a repository the turn did not resolve, nor
 * a permission (or a level) the tool does not have; and a turn across owners gets no request.
 */
class InstallationTokenRequestPropertyTest {

  private static final Map<String, Long> INSTALLATIONS = Map.of("acme", 7L, "globex", 9L);

  @Property(tries = 2000)
  void neverAsksForMoreThanTheTurnResolvedAndTheToolHas(
      @ForAll("turns") List<String> turnRepos,
      @ForAll("permissions") Map<String, String> toolPermissions) {
    Set<String> owners = new java.util.HashSet<>();
    for (String repo : turnRepos) {
      owners.add(repo.substring(0, repo.indexOf('/')));
    }
    if (owners.size() != 1) {
      assertThatThrownBy(() -> InstallationTokenRequest.of(turnRepos, toolPermissions,
          INSTALLATIONS)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    String owner = owners.iterator().next();
    InstallationTokenRequest request =
        InstallationTokenRequest.of(turnRepos, toolPermissions, INSTALLATIONS);

    assertThat(request.installationId()).isEqualTo(INSTALLATIONS.get(owner));
    for (String name : request.repositories()) {
      assertThat(turnRepos).contains(owner + "/" + name);
    }
    assertThat(request.repositories()).doesNotHaveDuplicates();
    assertThat(request.permissions()).isEqualTo(toolPermissions);
    String body = request.body();
    for (String other : List.of("secrets", "admin", "infra-prod")) {
      if (!turnRepos.contains(owner + "/" + other)) {
        assertThat(body).doesNotContain("\"" + other + "\"");
      }
    }
  }

  @Provide
  Arbitrary<List<String>> turns() {
    Arbitrary<String> owner = Arbitraries.of("acme", "acme", "acme", "globex");
    Arbitrary<String> name = Arbitraries.of("app", "lib", "infra", "docs", "secrets", "site");
    return Combinators.combine(owner, name).as((o, n) -> o + "/" + n)
        .list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<Map<String, String>> permissions() {
    return Arbitraries.maps(Arbitraries.of("contents", "pull_requests", "issues", "metadata"),
            Arbitraries.of("read", "write"))
        .ofMinSize(1).ofMaxSize(4)
        .map(LinkedHashMap::new);
  }
}
