package dev.tether.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Quarkus application built as Quarkus builds one: Maven runs {@code quarkus-maven-plugin}'s
 * build step (augmentation), which generates what a Quarkus LangChain4j application runs on (the
 * AI service's implementation, tool invokers, CDI beans), into a runnable {@code
 * target/quarkus-app}. The project is {@code src/test/frameworks/<framework>}, copied under {@code
 * target/frameworks/} with {@code apps/S3Steps.java} (the S3 reads every framework app prints), and
 * built with the Maven running the tests, from the local repository when it can. A build whose
 * sources and versions are unchanged is reused.
 */
final class QuarkusApplicationBuild {

  private static final Path S3_STEPS = Paths.get("src", "test", "java", "dev", "tether", "it", "apps", "S3Steps.java");

  private QuarkusApplicationBuild() {}

  /**
   * The built application's {@code quarkus-run.jar}.
   *
   * @param framework the folder under {@code src/test/frameworks}
   * @param versions Maven properties for the build (name=value), the framework's release first
   */
  static Path runnerJar(String framework, List<String> versions) throws IOException, InterruptedException {
    Path source = Paths.get("src", "test", "frameworks", framework).toAbsolutePath();
    // One build per release (the first version given), named by a digest of what it is built from.
    String release = framework + "-" + versions.get(0).substring(versions.get(0).indexOf('=') + 1);
    Path project = Paths.get("target", "frameworks", release + "-" + stamp(source, versions).substring(0, 12))
        .toAbsolutePath();
    Path jar = project.resolve("target/quarkus-app/quarkus-run.jar");
    if (Files.isRegularFile(jar)) {
      return jar; // built from the same sources and versions
    }
    try (Stream<Path> builds = Files.list(Files.createDirectories(project.getParent()))) {
      for (Path stale : (Iterable<Path>) builds::iterator) {
        if (stale.getFileName().toString().matches(Pattern.quote(release) + "-[0-9a-f]{12}")) {
          deleteRecursively(stale); // an earlier build of this release, from other sources
        }
      }
    }
    copyProject(source, project);
    long start = System.nanoTime();
    Path log = project.resolve("build.log");
    List<String> arguments = new ArrayList<>(List.of("-f", project.resolve("pom.xml").toString(), "package"));
    for (String version : versions) {
      arguments.add("-D" + version);
    }
    NestedMaven.run("building the Quarkus application " + project, project, arguments, log, null);
    System.out.printf("built %s (%s) in %d ms%n", framework, String.join(" ", versions),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("the Quarkus build of " + project + " made no " + jar);
    }
    return jar;
  }

  private static void copyProject(Path source, Path project) throws IOException {
    deleteRecursively(project);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = project.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path steps = project.resolve("src/main/java/dev/tether/it/apps/S3Steps.java");
    Files.createDirectories(steps.getParent());
    Files.copy(S3_STEPS, steps, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A digest of the project's files, S3Steps and the versions: a new one means a new build. */
  private static String stamp(Path source, List<String> versions) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      List<Path> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(source)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
      files.add(S3_STEPS.toAbsolutePath());
      for (Path file : files) {
        digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(file));
      }
      digest.update(String.join("\n", versions).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted((a, b) -> b.compareTo(a)).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
