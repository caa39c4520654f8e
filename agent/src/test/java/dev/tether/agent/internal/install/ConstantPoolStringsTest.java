package dev.tether.agent.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.internal.install.weave.ClassFiles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

class ConstantPoolStringsTest {

  private static final ConstantPoolStrings TOOL =
      new ConstantPoolStrings(
          List.of(
              "Ldev/langchain4j/agent/tool/Tool;", "Lorg/springframework/ai/tool/annotation/Tool;"));

  @Test
  void findsAnAnnotationDescriptorPastWideConstants() {
    assertThat(TOOL.foundIn(ClassFiles.withMethodAnnotation("a/B", "Lorg/springframework/ai/tool/annotation/Tool;")))
        .isTrue();
    assertThat(TOOL.foundIn(ClassFiles.withMethodAnnotation("a/B", null))).isFalse();
  }

  @Test
  void aLongerEntryWithTheMarkerAsPrefixDoesNotMatch() {
    assertThat(TOOL.foundIn(ClassFiles.withMethodAnnotation("a/B", "Ldev/langchain4j/agent/tool/Tool;X")))
        .isFalse();
  }

  @Test
  void realClassFilesWithLambdasAndIndyAreWalkedToTheEnd() throws Exception {
    // java.util.concurrent.CompletableFuture: method handles, invokedynamic, longs.
    byte[] jdk = ClassFiles.read("java/util/concurrent/CompletableFuture");
    assertThat(TOOL.foundIn(jdk)).isFalse();
    assertThat(new ConstantPoolStrings(List.of("java/util/concurrent/CompletableFuture")).foundIn(jdk))
        .isTrue();
  }

  @Test
  void aTruncatedOrUnknownPoolIsLeftToTheWeaver() {
    byte[] whole = ClassFiles.withMethodAnnotation("a/B", null);
    assertThat(TOOL.foundIn(Arrays.copyOf(whole, 30))).isTrue();
    byte[] unknownTag = whole.clone();
    unknownTag[10] = 99;
    assertThat(TOOL.foundIn(unknownTag)).isTrue();
  }

  /**
   * Every class of three JDK packages (longs, doubles, method handles, invokedynamic, modules'
   * strings): the last string of each pool, as ASM reads it, is found, and a string no pool holds
   * is not; so the walk steps over every kind of entry to the pool's end.
   */
  @Test
  void theWalkAgreesWithAsmOnEveryPoolOfThreeJdkPackages() throws Exception {
    int classes = 0;
    try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of())) {
      for (String pkg : List.of("java/util/concurrent", "java/lang/invoke", "java/math")) {
        try (Stream<Path> files = Files.list(jrt.getPath("/modules/java.base", pkg))) {
          for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
            byte[] classFile = Files.readAllBytes(file);
            String last = lastUtf8(classFile);
            assertThat(new ConstantPoolStrings(List.of("Lno/such/Marker;", last)).foundIn(classFile))
                .as("%s: its last string %s", file, last)
                .isTrue();
            assertThat(new ConstantPoolStrings(List.of("Lno/such/Marker;")).foundIn(classFile))
                .as("%s", file)
                .isFalse();
            classes++;
          }
        }
      }
    }
    assertThat(classes).isGreaterThan(300);
  }

  /** The last CONSTANT_Utf8 entry of the pool that is plain ASCII, found by ASM's reader. */
  private static String lastUtf8(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    for (int index = reader.getItemCount() - 1; index > 0; index--) {
      int offset = reader.getItem(index); // just past the entry's tag
      if (offset > 0 && classFile[offset - 1] == 1) {
        int length = reader.readUnsignedShort(offset);
        String string = new String(classFile, offset + 2, length, StandardCharsets.ISO_8859_1);
        if (string.chars().allMatch(c -> c < 0x80)) {
          return string;
        }
      }
    }
    throw new AssertionError("no ASCII string in the pool");
  }
}
