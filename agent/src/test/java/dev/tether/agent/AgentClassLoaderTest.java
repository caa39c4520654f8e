package dev.tether.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentClassLoaderTest {

  @TempDir Path dir;

  @Test
  void readsHiddenClassBytesWhetherDeflatedOrStored() throws IOException {
    byte[] small = "tiny".getBytes();
    byte[] large = new byte[70_000]; // more than readAllBytes' chunk and the inflater's buffer
    new Random(7).nextBytes(large);
    Path jar = dir.resolve("agent.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      put(out, "inst/a/Small.classdata", small, ZipEntry.DEFLATED);
      put(out, "inst/a/Large.classdata", large, ZipEntry.DEFLATED);
      put(out, "inst/a/Stored.classdata", large, ZipEntry.STORED);
      put(out, "inst/a/Empty.classdata", new byte[0], ZipEntry.DEFLATED);
    }

    AgentClassLoader loader = new AgentClassLoader(jar.toFile());

    assertThat(loader.classBytes("a.Small")).isEqualTo(small);
    assertThat(loader.classBytes("a.Large")).isEqualTo(large);
    assertThat(loader.classBytes("a.Stored")).isEqualTo(large);
    assertThat(loader.classBytes("a.Empty")).isEmpty();
    assertThat(loader.classBytes("a.Missing")).isNull();
  }

  private static void put(JarOutputStream out, String name, byte[] bytes, int method)
      throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setMethod(method);
    if (method == ZipEntry.STORED) {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      entry.setSize(bytes.length);
      entry.setCompressedSize(bytes.length);
      entry.setCrc(crc.getValue());
    }
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }
}
