package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tether beside the OpenTelemetry Java agent, attached in either order: neither breaks the other.
 * The demo still goes exactly as Tether promises (every allowed S3 request signed with the key the
 * Vault issued for its tool call, every refusal before anything is sent, the pull request with a
 * single-use token), and the OpenTelemetry agent still traces the application's AWS SDK and HTTP
 * calls.
 */
class TwoAgentsIT {

  static final Path OTEL_AGENT = Paths.get("target", "otel-javaagent", "opentelemetry-javaagent.jar");

  @ParameterizedTest(name = "OpenTelemetry agent attached {0}")
  @ValueSource(strings = {"after Tether", "before Tether"})
  void bothAgentsDoTheirWork(String order) throws Exception {
    assertThat(OTEL_AGENT).as("copied by mvn generate-test-resources").exists();
    String otel = "-javaagent:" + OTEL_AGENT.toAbsolutePath();
    ForkedJvm jvm = new ForkedJvm(ForkedJvm.javaHomes().get(0));
    if (order.startsWith("before")) {
      jvm.withoutAgent().jvmArg(otel).jvmArg("-javaagent:" + ForkedJvm.AGENT_JAR.toAbsolutePath());
    } else {
      jvm.jvmArg(otel);
    }
    ForkedJvm.Result demo = jvm
        // Both agents read the standard settings: both print their spans to the console.
        .property("otel.traces.exporter", "logging")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .runJar(ForkedJvm.DEMO_JAR);

    assertThat(demo.exitCode()).as(demo.all()).isZero();
    assertThat(demo.stdout()).as(demo.all())
        .contains("verdict: 12/12 calls as expected")
        .contains("with a single-use token the Vault issued for the tool call; the same credential"
            + " presented again → 401");
    assertThat(demo.stderr()).as("the OpenTelemetry agent traced the application's calls")
        .contains("[otel.javaagent")
        .contains("'S3.GetObject'")
        .contains("'S3.PutObject'")
        .contains("'tether.derive'");
  }
}
