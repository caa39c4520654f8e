package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headers the JDK client copies with {@code HttpHeaders.of}, as it does, from the view. */
class ReplacedHeadersTest {

  private static final String[] NONE = {};

  private final HttpRequest original =
      HttpRequest.newBuilder(URI.create("https://api.example.com/v1/things"))
          .header("authorization", "Bearer ambient-secret")
          .header("Accept", "application/json")
          .header("X-Trace", "a")
          .header("X-Trace", "b")
          .build();

  private HttpHeaders copied(String header, String value, String... removed) {
    return HttpHeaders.of(
        new ReplacedHeaders(original.headers().map(), header, value, removed), (n, v) -> true);
  }

  @Test
  void theHeaderIsReplacedWhateverItsCaseAndTheOthersAreTheApplications() {
    HttpHeaders headers = copied("Authorization", "Bearer per-call", NONE);

    assertThat(headers.allValues("Authorization")).containsExactly("Bearer per-call");
    assertThat(headers.map().toString()).doesNotContain("ambient-secret");
    assertThat(headers.allValues("accept")).containsExactly("application/json");
    assertThat(headers.allValues("X-Trace")).containsExactly("a", "b");
    assertThat(original.headers().allValues("Authorization"))
        .as("the application's request is left as it was")
        .containsExactly("Bearer ambient-secret");
  }

  @Test
  void aHeaderTheApplicationDidNotSetIsAdded() {
    HttpHeaders headers = copied("X-Api-Key", "per-call", NONE);

    assertThat(headers.allValues("x-api-key")).containsExactly("per-call");
    assertThat(headers.map()).hasSize(original.headers().map().size() + 1);
  }

  @Test
  void theHeadersTheApiGoesWithoutAreLeftOutWhateverTheirCase() {
    HttpHeaders headers = copied("X-Api-Key", "per-call", "Authorization", "x-trace");

    assertThat(headers.map()).containsOnlyKeys("Accept", "X-Api-Key");
    assertThat(headers.map().toString()).doesNotContain("ambient-secret");
  }

  @Test
  void readersOtherThanForEachSeeTheSameEntries() {
    Map<String, List<String>> view = new ReplacedHeaders(
        original.headers().map(), "Authorization", "Bearer per-call", new String[] {"X-Trace"});

    assertThat(view).containsOnlyKeys("Accept", "Authorization");
    assertThat(view.get("Authorization")).containsExactly("Bearer per-call");
  }

  @Test
  void itPrintsNamesOnlySoNoToken() {
    assertThat(new ReplacedHeaders(original.headers().map(), "Authorization", "Bearer per-call",
        NONE).toString())
        .contains("Authorization", "Accept")
        .doesNotContain("per-call", "ambient-secret");
  }
}
