package dev.tether.agent.internal.install.weave;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.returns;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.MethodInfo;
import dev.tether.instrumentation.api.Origin;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Weaves every method of every class of two JDK packages (the JDK's own bytecode: loops,
 * switches, nested handlers, long and double locals, synchronized blocks) and checks each woven
 * class with ASM's bytecode analyzer. A class the analyzer accepts before weaving must be
 * accepted after.
 */
class ClassWeaverCorpusTest {

  private static final ClassLoader TYPES = ClassWeaverCorpusTest.class.getClassLoader();
  private static final String RECORDER = "dev/tether/agent/internal/install/weave/Recorder";

  /**
   * A scope on every method; the first reference argument wrapped, or the return filtered, or a
   * deferred scope on methods that return an Object, a String or a CompletableFuture.
   */
  private static final List<MethodHook> EVERYTHING =
      List.of(
          new MethodHook(
              withCode().and(descriptorStartsWith("(Ljava/lang/Runnable;")).and(MethodInfo::isStatic),
              new Advice.WrapArgument(
                  0, BridgeMethod.of(RECORDER, "wrap", "(Ljava/lang/Runnable;)Ljava/lang/Runnable;"))),
          new MethodHook(
              withCode().and(returns("Ljava/util/List;")),
              new Advice.FilterReturn(
                  BridgeMethod.of(RECORDER, "filter", "(Ljava/util/List;Ljava/lang/Class;)Ljava/util/List;"),
                  List.of(Origin.DECLARING_CLASS))),
          new MethodHook(
              withCode()
                  .and(returns("Ljava/lang/Object;")
                      .or(returns("Ljava/lang/String;"))
                      .or(returns("Ljava/util/concurrent/CompletableFuture;"))),
              ClassWeaverTest.DEFERRED),
          new MethodHook(method -> method.hasWeavableCode(), ClassWeaverTest.SCOPE));

  @Test
  void everyMethodOfTwoJdkPackagesWeavesIntoVerifiableCode() throws Exception {
    int classes = 0;
    int methods = 0;
    List<String> failures = new ArrayList<>();
    try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of())) {
      for (String pkg : List.of("java/util/concurrent", "java/util/stream")) {
        try (Stream<Path> files = Files.list(jrt.getPath("/modules/java.base", pkg))) {
          for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
            byte[] original;
            try (InputStream in = Files.newInputStream(file)) {
              original = in.readAllBytes();
            }
            if (!ClassFiles.verifierProblems(original, TYPES).isEmpty()) {
              continue; // the analyzer's own limits, not the weaver's
            }
            ClassWeaver.Woven woven = ClassWeaver.weave(original, EVERYTHING);
            if (woven == null) {
              continue;
            }
            classes++;
            methods += woven.methods().size();
            String problems = ClassFiles.verifierProblems(woven.classFile(), TYPES);
            if (!problems.isEmpty()) {
              failures.add(file + ": " + problems.lines().limit(5).toList());
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(classes).isGreaterThan(100);
    assertThat(methods).isGreaterThan(2_000);
  }
}
