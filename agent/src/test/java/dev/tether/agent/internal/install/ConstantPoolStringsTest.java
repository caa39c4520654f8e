package dev.tether.agent.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.internal.install.weave.ClassFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantPoolStringsTest {

  private static final List<byte[]> TOOL =
      List.of(
          "Ldev/langchain4j/agent/tool/Tool;".getBytes(StandardCharsets.UTF_8),
          "Lorg/springframework/ai/tool/annotation/Tool;".getBytes(StandardCharsets.UTF_8));

  @Test
  void findsAnAnnotationDescriptorPastWideConstants() {
    assertThat(ConstantPoolStrings.containsAny(
            ClassFiles.withMethodAnnotation("a/B", "Lorg/springframework/ai/tool/annotation/Tool;"), TOOL))
        .isTrue();
    assertThat(ConstantPoolStrings.containsAny(ClassFiles.withMethodAnnotation("a/B", null), TOOL)).isFalse();
  }

  @Test
  void aLongerEntryWithTheMarkerAsPrefixDoesNotMatch() {
    assertThat(ConstantPoolStrings.containsAny(
            ClassFiles.withMethodAnnotation("a/B", "Ldev/langchain4j/agent/tool/Tool;X"), TOOL))
        .isFalse();
  }

  @Test
  void realClassFilesWithLambdasAndIndyAreWalkedToTheEnd() throws Exception {
    // java.util.concurrent.CompletableFuture: method handles, invokedynamic, longs.
    byte[] jdk = ClassFiles.read("java/util/concurrent/CompletableFuture");
    assertThat(ConstantPoolStrings.containsAny(jdk, TOOL)).isFalse();
    assertThat(ConstantPoolStrings.containsAny(jdk, List.of("java/util/concurrent/CompletableFuture".getBytes(StandardCharsets.UTF_8))))
        .isTrue();
  }

  @Test
  void aTruncatedOrUnknownPoolIsLeftToTheWeaver() {
    byte[] whole = ClassFiles.withMethodAnnotation("a/B", null);
    assertThat(ConstantPoolStrings.containsAny(Arrays.copyOf(whole, 30), TOOL)).isTrue();
    byte[] unknownTag = whole.clone();
    unknownTag[10] = 99;
    assertThat(ConstantPoolStrings.containsAny(unknownTag, TOOL)).isTrue();
  }
}
