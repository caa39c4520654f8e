package dev.tether.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo's agent code must be code a team already has: it may not use any Tether class but the
 * optional public API ({@code dev.tether.api}, a no-op without the agent). Checks both the sources
 * (imports) and the compiled classes (every class reference, however written).
 */
class AgentPackageIsolationTest {

  private static final String OWN_PACKAGE = "dev.tether.demo.agent";
  private static final String PUBLIC_API = "dev.tether.api";
  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
  // Class references in a class file: internal names such as dev/tether/bootstrap/X.
  private static final Pattern INTERNAL_NAME = Pattern.compile("dev/tether/[\\w/$]+");

  @Test
  void sourcesImportNothingFromTether() throws IOException {
    Path sources = Path.of("src/main/java", OWN_PACKAGE.replace('.', '/'));
    List<Path> files = list(sources, ".java");
    assertThat(files).as("agent sources in " + sources.toAbsolutePath()).hasSizeGreaterThan(3);

    List<String> offending = new ArrayList<>();
    for (Path file : files) {
      Matcher imports = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (imports.find()) {
        String imported = imports.group(1);
        if (imported.startsWith("dev.tether.")
            && !imported.startsWith(OWN_PACKAGE + ".")
            && !imported.startsWith(PUBLIC_API + ".")) {
          offending.add(file.getFileName() + ": import " + imported);
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void compiledClassesReferenceNoTetherClass() throws IOException, URISyntaxException {
    Path classes =
        Path.of(CodingAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(OWN_PACKAGE.replace('.', '/'));
    List<Path> files = list(classes, ".class");
    assertThat(files).as("agent classes in " + classes).hasSizeGreaterThan(3);

    List<String> offending = new ArrayList<>();
    for (Path file : files) {
      // Constant-pool strings are modified UTF-8; ASCII names read the same as ISO-8859-1.
      String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      Matcher names = INTERNAL_NAME.matcher(constants);
      while (names.find()) {
        if (!names.group().startsWith(OWN_PACKAGE.replace('.', '/') + "/")
            && !names.group().startsWith(PUBLIC_API.replace('.', '/') + "/")) {
          offending.add(file.getFileName() + " -> " + names.group());
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  private static List<Path> list(Path directory, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
