package dev.tether.agent.internal.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.config.VaultConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the agent sends its Vault requests: settable until the first request, fixed after it, so
 * that code in the JVM (a tool steered by a prompt, say) cannot redirect them later.
 */
class VaultEndpointTest {

  private static final String PROPERTY = "tether.vault.url";

  @AfterEach
  void clear() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void aUrlSetAfterStartIsFoundAtTheFirstRequestAndKept() {
    VaultEndpoint endpoint = endpoint(null);
    assertThatThrownBy(endpoint::url)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Vault URL: set TETHER_VAULT_URL");
    assertThat(endpoint.isOwnOrigin("http://127.0.0.1:8200")).isFalse();

    System.setProperty(PROPERTY, "http://127.0.0.1:8200/");
    assertThat(endpoint.url()).isEqualTo(URI.create("http://127.0.0.1:8200"));

    System.setProperty(PROPERTY, "http://attacker.example:80");
    assertThat(endpoint.url()).isEqualTo(URI.create("http://127.0.0.1:8200"));
    assertThat(endpoint.isOwnOrigin("http://127.0.0.1:8200")).isTrue();
    assertThat(endpoint.isOwnOrigin("http://attacker.example:80")).isFalse();
  }

  @Test
  void theOriginComparedCarriesTheSchemesDefaultPort() {
    VaultEndpoint endpoint = endpoint("https://vault.internal");
    assertThat(endpoint.isOwnOrigin("https://vault.internal:443")).isTrue();
    assertThat(endpoint.isOwnOrigin("http://vault.internal:80")).isFalse();
    assertThat(endpoint.isOwnOrigin(null)).isFalse();
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedWithWhatItWas() {
    assertThatThrownBy(() -> endpoint("ftp://vault.internal").url())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Vault URL 'ftp://vault.internal' is not an absolute http(s) URL");
  }

  private static VaultEndpoint endpoint(String configured) {
    return new VaultEndpoint(new VaultConfig(configured, null, Duration.ofSeconds(2)), "test.yaml");
  }

  @Test
  void onlyTlsOrALoopbackAddressCountsAsConfidential() {
    assertThat(endpoint("https://vault.internal").confidential()).isTrue();
    assertThat(endpoint("http://127.0.0.1:8787").confidential()).isTrue();
    assertThat(endpoint("http://127.10.0.3:8787").confidential()).isTrue();
    assertThat(endpoint("http://localhost:8787").confidential()).isTrue();
    assertThat(endpoint("http://[::1]:8787").confidential()).isTrue();
    assertThat(endpoint("http://vault.internal:8787").confidential()).isFalse();
    assertThat(endpoint("http://10.0.0.5:8787").confidential()).isFalse();
    // Names that only look like loopback: never looked up, never trusted.
    assertThat(endpoint("http://127.0.0.1.example.com").confidential()).isFalse();
    assertThat(endpoint("http://localhost.example.com").confidential()).isFalse();
    assertThat(VaultEndpoint.isLoopbackHost("127.0.0.256")).isFalse();
    assertThat(VaultEndpoint.isLoopbackHost("127.0.1")).isFalse();
  }
}
