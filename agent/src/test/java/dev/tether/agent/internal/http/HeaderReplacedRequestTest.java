package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeaderReplacedRequestTest {

  private static final String[] NONE = {};

  private final HttpRequest original =
      HttpRequest.newBuilder(URI.create("https://api.example.com/v1/things"))
          .POST(HttpRequest.BodyPublishers.ofString("{}"))
          .timeout(Duration.ofSeconds(7))
          .version(HttpClient.Version.HTTP_1_1)
          .expectContinue(true)
          .header("authorization", "Bearer ambient-secret")
          .header("Accept", "application/json")
          .header("X-Trace", "a")
          .header("X-Trace", "b")
          .build();

  @Test
  void theHeaderIsReplacedWhateverItsCaseAndEverythingElseIsTheApplications() {
    HttpRequest replaced =
        new HeaderReplacedRequest(original, "Authorization", "Bearer per-call", NONE);

    assertThat(replaced.headers().allValues("Authorization")).containsExactly("Bearer per-call");
    assertThat(replaced.headers().map().toString()).doesNotContain("ambient-secret");
    assertThat(replaced.headers().allValues("accept")).containsExactly("application/json");
    assertThat(replaced.headers().allValues("X-Trace")).containsExactly("a", "b");
    assertThat(replaced.method()).isEqualTo("POST");
    assertThat(replaced.uri()).isEqualTo(original.uri());
    assertThat(replaced.bodyPublisher()).isEqualTo(original.bodyPublisher());
    assertThat(replaced.timeout()).contains(Duration.ofSeconds(7));
    assertThat(replaced.version()).contains(HttpClient.Version.HTTP_1_1);
    assertThat(replaced.expectContinue()).isTrue();
    assertThat(original.headers().allValues("Authorization"))
        .as("the application's request is left as it was")
        .containsExactly("Bearer ambient-secret");
  }

  @Test
  void aHeaderTheApplicationDidNotSetIsAdded() {
    HttpRequest replaced = new HeaderReplacedRequest(original, "X-Api-Key", "per-call", NONE);

    assertThat(replaced.headers().allValues("x-api-key")).containsExactly("per-call");
    assertThat(replaced.headers().map()).hasSize(original.headers().map().size() + 1);
  }

  @Test
  void theHeadersTheApiGoesWithoutAreLeftOutWhateverTheirCase() {
    HttpRequest replaced = new HeaderReplacedRequest(
        original, "X-Api-Key", "per-call", new String[] {"Authorization", "x-trace"});

    assertThat(replaced.headers().map()).containsOnlyKeys("Accept", "X-Api-Key");
    assertThat(replaced.headers().map().toString()).doesNotContain("ambient-secret");
  }

  @Test
  void itPrintsNoHeaderSoNoToken() {
    assertThat(new HeaderReplacedRequest(original, "Authorization", "Bearer per-call", NONE))
        .hasToString("https://api.example.com/v1/things POST")
        .asString()
        .doesNotContain("per-call");
  }
}
