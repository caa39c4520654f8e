package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.it.apps.LibraryVersionsApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application with its own, other versions of Jackson, ASM, Byte Buddy, OpenTelemetry and
 * SnakeYAML keeps using them with the agent attached, and cannot see a single Tether class.
 */
class ClassLoaderIsolationIT {

  static java.util.List<Path> javaHomes() {
    return ForkedJvm.javaHomes();
  }

  /** The classes the application must not see are really in the agent jar, hidden. */
  @Test
  void theHiddenClassesAreInTheAgentJar() throws Exception {
    try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
      for (String entry :
          new String[] {
            "inst/dev/tether/agent/internal/AgentInstaller.classdata",
            "inst/dev/tether/agent/shaded/asm/ClassReader.classdata",
            "inst/dev/tether/agent/internal/config/yaml/YamlParser.classdata",
            "inst/dev/tether/agent/shaded/opentelemetry/api/trace/Tracer.classdata"
          }) {
        assertThat(jar.getJarEntry(entry)).as(entry).isNotNull();
      }
    }
  }

  @ParameterizedTest(name = "java.home={0}")
  @MethodSource("javaHomes")
  void applicationKeepsItsOwnLibrariesAndSeesNoTetherClass(Path javaHome) throws Exception {
    String classPath;
    try (Stream<Path> libs = Files.list(Paths.get("target/app-libs"))) {
      classPath =
          Stream.concat(Stream.of(Paths.get("target/test-classes")), libs)
              .map(p -> p.toAbsolutePath().toString())
              .collect(Collectors.joining(File.pathSeparator));
    }
    ForkedJvm.Result result =
        new ForkedJvm(javaHome).runWithClassPath(classPath, LibraryVersionsApp.class.getName());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout())
        .as(result.all())
        .contains("jackson 2.17.2")
        .contains("jackson-works {\"k\":\"v\"}")
        .containsPattern("asm .*app-libs/asm-9.2.jar")
        .containsPattern("bytebuddy .*app-libs/byte-buddy-1.14.19.jar")
        .containsPattern("otel .* from .*app-libs/opentelemetry-api-1.40.0.jar")
        .containsPattern("snakeyaml .*app-libs/snakeyaml-1.33.jar")
        .contains("hidden dev.tether.agent.internal.AgentInstaller")
        .contains("hidden dev.tether.agent.shaded.asm.ClassReader")
        .contains("hidden dev.tether.agent.internal.config.yaml.YamlParser")
        .contains("hidden dev.tether.agent.shaded.opentelemetry.api.trace.Tracer")
        .doesNotContain("visible ");
    assertThat(result.stderr()).doesNotContain("[tether] failed");
  }
}
