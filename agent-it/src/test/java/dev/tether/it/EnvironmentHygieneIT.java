package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.it.apps.SecretEnvApp;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Environment hygiene with the real agent: a secret the runtime holds ({@code GITHUB_TOKEN}) is
 * visible to the application outside tools, and absent inside a tool call, on the tool's pool
 * threads, and in every process a tool starts ({@code ProcessBuilder} and {@code Runtime.exec});
 * other variables are untouched.
 */
class EnvironmentHygieneIT {

  static final String SECRET = "ghp_canary_0123456789";

  static List<Path> javaHomes() {
    return ForkedJvm.javaHomes();
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void aHiddenSecretIsAbsentInsideToolsAndTheirProcessesOnly(Path javaHome) throws Exception {
    ForkedJvm.Result result = new ForkedJvm(javaHome)
        .agentOptions("config=" + Paths.get("src/test/resources/it-env.yaml").toAbsolutePath())
        .env("GITHUB_TOKEN", SECRET)
        .env("IT_VISIBLE", "yes")
        .runMain(SecretEnvApp.class.getName());

    assertThat(result.exitCode()).as(result.all()).isZero();
    String visible = "getenv=" + SECRET + " map=" + SECRET + " child=" + SECRET + " exec=" + SECRET
        + " other=yes";
    String hidden = "getenv=null map=null child=unset exec=unset other=yes";
    assertThat(result.lines("ENV ")).as(result.all()).containsExactly(
        "ENV outside " + visible,
        "ENV tool " + hidden,
        "ENV tool-async " + hidden,
        "ENV outside-after " + visible);
  }
}
