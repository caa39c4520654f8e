package dev.tether.agent.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrefilteringTransformerTest {

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
          Set.of("Ldev/langchain4j/agent/tool/Tool;"),
          agentLoader);

  private void offer(String name, String content, ClassLoader loader) throws Exception {
    filter.transform(null, loader, name, null, null, content.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void handsOnHookedNamesAndClassesCarryingAMarkerOnly() throws Exception {
    ClassLoader app = getClass().getClassLoader();
    offer("java/util/concurrent/ThreadPoolExecutor", "....", null);
    offer("com/acme/Tools", "\u00ca\u00fe..RuntimeVisibleAnnotations..Ldev/langchain4j/agent/tool/Tool;..", app);
    offer("com/acme/Other", "\u00ca\u00fe..Ldev/langchain4j/agent/tool/ToolSpecification;..", app);
    offer("com/acme/Plain", "\u00ca\u00fe..nothing here..", app);
    offer("com/acme/Hidden", "Ldev/langchain4j/agent/tool/Tool;", agentLoader);
    offer("dev/tether/agent/internal/X", "Ldev/langchain4j/agent/tool/Tool;", app);

    assertThat(handedOn).containsExactly("java/util/concurrent/ThreadPoolExecutor", "com/acme/Tools");
  }

  @Test
  void byteSearchFindsMarkersAnywhere() {
    byte[] marker = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(PrefilteringTransformer.contains("abc".getBytes(StandardCharsets.US_ASCII), marker)).isTrue();
    assertThat(PrefilteringTransformer.contains("xxabc".getBytes(StandardCharsets.US_ASCII), marker)).isTrue();
    assertThat(PrefilteringTransformer.contains("aabab".getBytes(StandardCharsets.US_ASCII), marker)).isFalse();
    assertThat(PrefilteringTransformer.contains("ab".getBytes(StandardCharsets.US_ASCII), marker)).isFalse();
  }
}
