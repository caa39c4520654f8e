package dev.tether.agent.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.instrumentation.langchain4j.LangChain4jInstrumentationModule;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A framework loaded without the dispatcher Tether hooks is reported once, naming the jar; one with
 * it is not. The "framework" is class files written here, in a directory named like a jar.
 */
class DispatcherCoverageTest {

  private static final String MARKER = "dev/langchain4j/service/AiServices";
  private static final String TOOL_SERVICE = "dev/langchain4j/service/tool/ToolService";
  private static final String DISPATCH =
      "(Ldev/langchain4j/agent/tool/ToolExecutionRequest;Ldev/langchain4j/service/tool/ToolExecutor;"
          + "Ldev/langchain4j/invocation/InvocationContext;)Ldev/langchain4j/service/tool/ToolExecutionResult;";

  @TempDir Path dir;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final DispatcherCoverage coverage =
      DispatcherCoverage.of(List.of(new LangChain4jInstrumentationModule()), lines::add);

  @Test
  void aReleaseWithTheDispatcherIsNotReported() throws Exception {
    Path jar = framework("langchain4j-1.19.0.jar", true, true);
    try (URLClassLoader loader = loaderOf(jar)) {
      coverage.loading(MARKER, loader);
    }
    assertThat(lines).isEmpty();
  }

  @Test
  void aReleaseWhoseDispatcherLacksTheHookedMethodsIsReportedOnce() throws Exception {
    Path jar = framework("langchain4j-1.0.0.jar", true, false);
    try (URLClassLoader loader = loaderOf(jar); URLClassLoader again = loaderOf(jar)) {
      coverage.loading(MARKER, loader);
      coverage.loading(MARKER, again);
      coverage.loading("dev/langchain4j/service/Other", loader);
    }
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith(
            "[tether] LangChain4j (langchain4j-1.0.0.jar): dev.langchain4j.service.tool.ToolService"
                + " has none of the methods Tether hooks.")
        .contains("LangChain4j 1.14 or later has the dispatcher")
        .contains("outside any tool scope")
        .endsWith("Versions covered: docs/frameworks.md");
  }

  @Test
  void aReleaseWithoutTheDispatcherTypeIsReported() throws Exception {
    Path jar = framework("langchain4j-0.9.jar", false, false);
    try (URLClassLoader loader = loaderOf(jar)) {
      coverage.loading(MARKER, loader);
    }
    assertThat(lines).singleElement().asString()
        .startsWith("[tether] LangChain4j (langchain4j-0.9.jar): it has no dev.langchain4j.service.tool.ToolService.");
  }

  @Test
  void theMarkerTypesAreWhatThePreFilterMustPass() {
    assertThat(coverage.markerTypes()).containsExactly(MARKER);
  }

  @Test
  void namesTheJarOfAResourceWhereverItLies() throws Exception {
    String resource = MARKER + ".class";
    assertThat(DispatcherCoverage.jarOf(new URL("jar:file:/m2/langchain4j-1.0.0.jar!/" + resource), resource))
        .isEqualTo("langchain4j-1.0.0.jar");
    assertThat(DispatcherCoverage.jarOf(
            new URL("jar:file:/app.jar!/BOOT-INF/lib/langchain4j-1.19.0.jar!/" + resource), resource))
        .isEqualTo("langchain4j-1.19.0.jar");
    assertThat(DispatcherCoverage.jarOf(new URL("file:/work/app/classes/" + resource), resource))
        .isEqualTo("classes");
    assertThat(DispatcherCoverage.jarOf(null, resource)).isEqualTo("?");
  }

  /** A directory holding the marker and, if asked, a ToolService with or without the dispatch method. */
  private Path framework(String name, boolean withToolService, boolean withDispatch) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    write(root, MARKER, false);
    if (withToolService) {
      write(root, TOOL_SERVICE, withDispatch);
    }
    return root;
  }

  private static void write(Path root, String internalName, boolean withDispatch) throws Exception {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
    if (withDispatch) {
      MethodVisitor method =
          writer.visitMethod(
              Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "executeWithErrorHandling", DISPATCH, null, null);
      method.visitCode();
      method.visitInsn(Opcodes.ACONST_NULL);
      method.visitInsn(Opcodes.ARETURN);
      method.visitMaxs(0, 0);
      method.visitEnd();
    }
    writer.visitEnd();
    Path file = root.resolve(internalName + ".class");
    Files.createDirectories(file.getParent());
    Files.write(file, writer.toByteArray());
  }

  private static URLClassLoader loaderOf(Path root) throws Exception {
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }
}
