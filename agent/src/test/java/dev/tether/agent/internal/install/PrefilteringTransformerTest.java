package dev.tether.agent.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.internal.install.weave.ClassFiles;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrefilteringTransformerTest {

  private static final String TOOL = "Ldev/langchain4j/agent/tool/Tool;";

  private final List<String> handedOn = new ArrayList<>();
  private final ClassFileTransformer recorder =
      new ClassFileTransformer() {
        @Override
        public byte[] transform(
            Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
          handedOn.add(name);
          return null;
        }
      };
  private final ClassLoader agentLoader = new ClassLoader() {};
  private final PrefilteringTransformer filter =
      new PrefilteringTransformer(
          recorder,
          Set.of("java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/ForkJoinPool"),
          Set.of(TOOL),
          agentLoader);

  private void offer(String name, byte[] classFile, ClassLoader loader) throws Exception {
    filter.transform(null, loader, name, null, null, classFile);
  }

  @Test
  void handsOnHookedNamesAndClassesWhosePoolHoldsAMarkerOnly() throws Exception {
    ClassLoader app = getClass().getClassLoader();
    offer("java/util/concurrent/ThreadPoolExecutor", ClassFiles.withMethodAnnotation("x/Y", null), null);
    offer("com/acme/Tools", ClassFiles.withMethodAnnotation("com/acme/Tools", TOOL), app);
    offer(
        "com/acme/Other",
        ClassFiles.withMethodAnnotation("com/acme/Other", "Ldev/langchain4j/agent/tool/ToolSpecification;"),
        app);
    offer("com/acme/Plain", ClassFiles.withMethodAnnotation("com/acme/Plain", null), app);
    offer("com/acme/Hidden", ClassFiles.withMethodAnnotation("com/acme/Hidden", TOOL), agentLoader);
    offer("dev/tether/agent/internal/X", ClassFiles.withMethodAnnotation("dev/tether/agent/internal/X", TOOL), app);

    assertThat(handedOn).containsExactly("java/util/concurrent/ThreadPoolExecutor", "com/acme/Tools");
  }
}
