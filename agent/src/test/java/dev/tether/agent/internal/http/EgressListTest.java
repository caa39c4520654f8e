package dev.tether.agent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EgressListTest {

  @Test
  void exactNamesAndWildcardsMatchOnlyWhatTheySay() {
    List<String> egress = List.of("api.github.com", "*.example.com");

    assertThat(EgressList.allows(egress, "api.github.com")).isTrue();
    assertThat(EgressList.allows(egress, "uploads.github.com")).isFalse();
    assertThat(EgressList.allows(egress, "api.example.com")).isTrue();
    assertThat(EgressList.allows(egress, "a.b.example.com")).isTrue();
    assertThat(EgressList.allows(egress, "example.com")).as("the wildcard is for names under it")
        .isFalse();
    assertThat(EgressList.allows(egress, "evilexample.com")).isFalse();
    assertThat(EgressList.allows(egress, "api.github.com.evil.net")).isFalse();
    assertThat(EgressList.allows(egress, null)).as("a request that names no host").isFalse();
    assertThat(EgressList.allows(List.of(), "api.github.com")).isFalse();
  }
}
