package dev.tether.it;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The class path of an application built on an agent framework at one release, as an application
 * would have it: the framework with the libraries it depends on, resolved together with the AWS
 * SDK by Maven from {@code src/test/frameworks/<framework>/pom.xml}, and the application's classes
 * compiled against exactly that class path. The test class path cannot serve: its Netty, Reactor,
 * Guava and gRPC versions are the ones the other tests settled on, and the framework's would move
 * them; nor can the test classes, which Maven does not recompile when a profile selects another
 * release (it compares timestamps, and an older release's jar is not newer), while a framework's
 * API may differ in binary form between releases ({@link #of(String, Class)} compiles the
 * application against the release instead). The libraries are resolved once per release into
 * {@code target/frameworks/}, with the Maven running the build (from the local repository when it
 * can); the application is compiled once per test JVM.
 */
final class FrameworkClassPath {

  private static final Map<String, String> COMPILED = new ConcurrentHashMap<>();

  private FrameworkClassPath() {}

  /**
   * The framework's libraries, then this module's test classes as the application's code. The
   * test classes are compiled against the release on the test class path; prefer {@link #of(String,
   * Class)} where an application's binary form depends on the release.
   *
   * @param framework the folder under {@code src/test/frameworks}, also the name of its version
   *     property (e.g. {@code google-adk}, set by the build as {@code google-adk.version})
   */
  static String of(String framework) throws IOException, InterruptedException {
    return Paths.get("target", "test-classes").toAbsolutePath() + File.pathSeparator
        + libraries(framework, release(framework));
  }

  /**
   * The application's classes compiled against the framework's libraries, then those libraries.
   *
   * @param framework as for {@link #of(String)}
   * @param application the application's main class, whose source file (with its nested classes
   *     and the test sources it refers to, which must need only the framework's class path) is
   *     compiled against the framework's class path
   */
  static String of(String framework, Class<?> application) throws IOException, InterruptedException {
    String version = release(framework);
    String key = framework + "-" + version + "/" + application.getName();
    String known = COMPILED.get(key);
    if (known != null) {
      return known;
    }
    String libraries = libraries(framework, version);
    Path classes = Paths.get("target", "frameworks", framework + "-" + version + "-classes").toAbsolutePath();
    compile(application, libraries, classes);
    String classPath = classes + File.pathSeparator + libraries;
    COMPILED.put(key, classPath);
    return classPath;
  }

  private static String libraries(String framework, String version) throws IOException, InterruptedException {
    Path resolved = Paths.get("target", "frameworks", framework + "-" + version + ".classpath").toAbsolutePath();
    if (!Files.isRegularFile(resolved) || !allPresent(Files.readString(resolved, StandardCharsets.UTF_8))) {
      resolve(framework, version, resolved); // first use, or the local repository changed since
    }
    return Files.readString(resolved, StandardCharsets.UTF_8).trim();
  }

  private static void compile(Class<?> application, String libraries, Path classes) throws IOException {
    Path source =
        Paths.get("src", "test", "java", application.getName().replace('.', File.separatorChar) + ".java");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home") + ": run the tests on a JDK");
    }
    Files.createDirectories(classes);
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean compiled =
          javac.getTask(
                  messages,
                  files,
                  null,
                  List.of("--release", "17", "-proc:none", "-nowarn", "-classpath", libraries,
                      // the helpers the application uses (e.g. apps/S3Steps) come from the source
                      // path: compiled with it, against the same libraries
                      "-sourcepath", Paths.get("src", "test", "java").toString(),
                      "-d", classes.toString()),
                  null,
                  files.getJavaFileObjects(source.toFile()))
              .call();
      if (!compiled) {
        throw new AssertionError("compiling " + source + " against its framework's class path failed:\n" + messages);
      }
    }
  }

  /** The release the build selected ({@code -P<framework>-oldest} for the oldest). */
  static String release(String framework) {
    String version = System.getProperty(framework + ".version");
    if (version == null || version.isBlank() || version.startsWith("${")) {
      throw new IllegalStateException(
          "system property " + framework + ".version is not set: run this test with Maven"
              + " (agent-it's pom passes it to the tests)");
    }
    return version;
  }

  private static void resolve(String framework, String version, Path resolved)
      throws IOException, InterruptedException {
    Files.createDirectories(resolved.getParent());
    Path partial = Files.createTempFile(resolved.getParent(), framework, ".partial");
    Path log = Files.createTempFile(resolved.getParent(), framework, ".log");
    NestedMaven.run(
        "resolving " + framework + " " + version,
        null,
        List.of(
            "-f", Paths.get("src", "test", "frameworks", framework, "pom.xml").toAbsolutePath().toString(),
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
            "-Dmdep.outputFile=" + partial,
            "-D" + framework + ".version=" + version,
            "-Daws.sdk.version=" + System.getProperty("aws.sdk.version")),
        log,
        partial);
    Files.move(partial, resolved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(log);
  }

  private static boolean allPresent(String classPath) {
    for (String entry : classPath.trim().split(File.pathSeparator)) {
      if (!Files.exists(Paths.get(entry))) {
        return false;
      }
    }
    return true;
  }
}
