package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocationTest {

  private static final UnaryOperator<String> NONE = name -> null;

  @TempDir Path dir;

  @Test
  void agentArgumentComesFirst() throws Exception {
    Path fromArgument = write("argument.yaml", "telemetry:\n  exporter: none\n");
    Path fromEnvironment = write("env.yaml", "telemetry:\n  exporter: console\n");

    TetherConfig config =
        ConfigLoader.locateAndLoad(
            "debug=true,config=" + fromArgument + ",other=1",
            resourceLoader("telemetry:\n  exporter: console\n"),
            env(Map.of("TETHER_CONFIG", fromEnvironment.toString())),
            env(Map.of("tether.config", fromEnvironment.toString())));

    assertThat(config.source()).isEqualTo(fromArgument.toString());
    assertThat(config.telemetryExporter()).isEqualTo("none");
  }

  @Test
  void thenTheEnvironmentThenTheSystemProperty() throws Exception {
    Path fromEnvironment = write("env.yaml", "telemetry:\n  exporter: none\n");
    Path fromProperty = write("prop.yaml", "telemetry:\n  exporter: console\n");

    TetherConfig viaEnvironment =
        ConfigLoader.locateAndLoad(
            "other=1",
            null,
            env(Map.of("TETHER_CONFIG", fromEnvironment.toString())),
            env(Map.of("tether.config", fromProperty.toString())));
    TetherConfig viaProperty =
        ConfigLoader.locateAndLoad(
            null, null, NONE, env(Map.of("tether.config", fromProperty.toString())));

    assertThat(viaEnvironment.source()).isEqualTo(fromEnvironment.toString());
    assertThat(viaProperty.source()).isEqualTo(fromProperty.toString());
    assertThat(viaProperty.telemetryExporter()).isEqualTo("console");
  }

  @Test
  void thenTheClassPathResourceThenTheDefaults() throws Exception {
    TetherConfig fromResource =
        ConfigLoader.locateAndLoad(
            "", resourceLoader("telemetry:\n  exporter: none\n"), NONE, NONE);
    assertThat(fromResource.source()).isEqualTo("<classpath:tether.yaml>");
    assertThat(fromResource.telemetryExporter()).isEqualTo("none");

    TetherConfig defaults =
        ConfigLoader.locateAndLoad(null, new URLClassLoader(new URL[0], null), NONE, NONE);
    assertThat(defaults).isEqualTo(TetherConfig.defaults());
    assertThat(ConfigLoader.locateAndLoad(null, null, NONE, NONE))
        .isEqualTo(TetherConfig.defaults());
  }

  @Test
  void problemsInTheClassPathResourceNameIt() throws Exception {
    assertThatThrownBy(
            () -> ConfigLoader.locateAndLoad(null, resourceLoader("tool: []\n"), NONE, NONE))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "<classpath:tether.yaml>:1:1: unknown key 'tool' in the top level"
                + " — write 'tools' instead");
  }

  @Test
  void aNamedFileThatDoesNotExistIsAnErrorNamingTheSetting() {
    Path missing = dir.resolve("missing.yaml");

    assertThatThrownBy(() -> ConfigLoader.locateAndLoad("config=" + missing, null, NONE, NONE))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            missing
                + ": configuration file not found (named by the agent argument config="
                + missing
                + ") — fix the path");
    assertThatThrownBy(
            () ->
                ConfigLoader.locateAndLoad(
                    null, null, env(Map.of("TETHER_CONFIG", missing.toString())), NONE))
        .hasMessageContaining("(named by the environment variable TETHER_CONFIG)");
    assertThatThrownBy(
            () ->
                ConfigLoader.locateAndLoad(
                    null, null, NONE, env(Map.of("tether.config", missing.toString()))))
        .hasMessageContaining("(named by the system property tether.config)");
    assertThatThrownBy(() -> ConfigLoader.locateAndLoad("config=", null, NONE, NONE))
        .hasMessageContaining("names no file");
    assertThatThrownBy(() -> ConfigLoader.locateAndLoad("config=" + dir, null, NONE, NONE))
        .hasMessageContaining("is a directory");
  }

  @Test
  void loadReportsFilesThatAreNotUtf8() throws IOException {
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(
        latin1, new byte[] {'t', 'a', 's', 'k', ':', '\n', ' ', 'i', 'd', ':', ' ', (byte) 0xE9});

    assertThatThrownBy(() -> ConfigLoader.load(latin1))
        .hasMessage(latin1 + ": the file is not UTF-8 text — save it as UTF-8");
  }

  @Test
  void loadSkipsAByteOrderMark() throws Exception {
    Path withBom = dir.resolve("bom.yaml");
    Files.write(withBom, ("\uFEFFtelemetry:\n  exporter: x\n").getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ConfigLoader.load(withBom))
        .hasMessage(
            withBom + ":2:13: unknown telemetry exporter 'x' — write otlp, console or none");
  }

  @Test
  void loadRefusesFilesOverOneMebibyteWithoutReadingThemWhole() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[3 << 20]);

    assertThatThrownBy(() -> ConfigLoader.load(big))
        .hasMessage(
            big
                + ": the file is larger than 1 MiB — a Tether configuration is a few kilobytes:"
                + " check that this is the right file");
  }

  @Test
  void theSampleConfigurationInTheDocsLoads() throws ConfigException {
    Path sample = Path.of("..", "docs", "examples", "tether.yaml");

    TetherConfig config = ConfigLoader.load(sample);

    assertThat(config.source()).isEqualTo(sample.toString());
    assertThat(config.tools())
        .extracting(ToolConfig::name)
        .containsExactly("fetch_sources", "save_report", "run_tests");
    assertThat(config.tool("fetch_sources").orElseThrow().aws().resources())
        .containsExactly("arn:aws:s3:::sources/${repo}/*", "arn:aws:s3:::sources");
    assertThat(config.tool("save_report").orElseThrow().boundary())
        .hasToString("com.acme.Tools#saveReport");
    assertThat(config.task()).isEqualTo(new TaskDefaults("t-123", "alice", "acme/widgets"));
    assertThat(config.turnBoundaries())
        .map(BoundarySpec::toString)
        .containsExactly("com.acme.AgentLoop#runTurn");
  }

  @Test
  void agentArgumentsAreCommaSeparatedPairs() {
    assertThat(ConfigLoader.agentArgument("a=1, config = x.yaml ,b", "config")).isEqualTo("x.yaml");
    assertThat(ConfigLoader.agentArgument("configx=1", "config")).isNull();
    assertThat(ConfigLoader.agentArgument(null, "config")).isNull();
  }

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private ClassLoader resourceLoader(String yaml) throws IOException {
    Path root = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(root.resolve("tether.yaml"), yaml);
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }

  private static UnaryOperator<String> env(Map<String, String> values) {
    return values::get;
  }
}
