package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

  @Test
  void rendersLikeACompilerError() {
    assertThat(
            new ConfigProblem(
                "tether.yaml",
                12,
                7,
                "unknown key 'action' in tools[1].aws",
                "write 'actions' instead"))
        .hasToString(
            "tether.yaml:12:7: unknown key 'action' in tools[1].aws — write 'actions' instead");
    assertThat(new ConfigProblem("tether.yaml", 3, 0, "too big", null))
        .hasToString("tether.yaml:3: too big");
    assertThat(new ConfigProblem("/etc/tether.yaml", 0, 0, "configuration file not found", " "))
        .hasToString("/etc/tether.yaml: configuration file not found");
  }

  @Test
  void suggestionsToleratesTyposAndOtherCases() {
    assertThat(KeySuggestions.closest("tokenFile", List.of("url", "token-file")))
        .isEqualTo("token-file");
    assertThat(KeySuggestions.closest("ambient_services", List.of("aws", "ambient-services")))
        .isEqualTo("ambient-services");
    assertThat(KeySuggestions.closest("colour", List.of("exporter"))).isNull();
    assertThat(KeySuggestions.closest("x", List.of("id"))).isNull();
  }
}
