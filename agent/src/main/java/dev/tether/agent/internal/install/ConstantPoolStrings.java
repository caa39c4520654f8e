package dev.tether.agent.internal.install;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Looks for exact strings among a class file's constant pool entries. An annotation on a method is
 * named there by its descriptor ({@code Ldev/langchain4j/agent/tool/Tool;}), so this answers "may
 * this class have a {@code @Tool} method?" by walking the pool's entries (a few hundred length
 * fields), never the methods' code: the pre-filter runs it for every class the JVM loads.
 *
 * <p>The walk looks each entry's size up in a table rather than switching on its tag. The loop runs
 * millions of times at start-up, so the JIT compiles it (and every caller it is inlined into) while
 * the application starts: a loop with one branch per kind of entry cost tens of milliseconds of
 * compilation per start and was compiled again each time a kind of entry turned up that the first
 * classes had not had. A table keeps one path for all of them.
 */
final class ConstantPoolStrings {

  private static final int UTF8 = 1;

  /** The bytes an entry of each tag takes, tag included; 0 for a tag this walk does not know. */
  private static final byte[] ENTRY_SIZE = new byte[256];

  static {
    for (int tag : new int[] {3, 4, 9, 10, 11, 12, 17, 18}) {
      ENTRY_SIZE[tag] = 5; // Integer, Float, Field/Method/InterfaceMethodref, NameAndType, (Invoke)Dynamic
    }
    ENTRY_SIZE[5] = 9; // Long
    ENTRY_SIZE[6] = 9; // Double
    for (int tag : new int[] {7, 8, 16, 19, 20}) {
      ENTRY_SIZE[tag] = 3; // Class, String, MethodType, Module, Package
    }
    ENTRY_SIZE[15] = 4; // MethodHandle
  }

  private final byte[][] wanted;
  private final int shortest;
  private final int longest;

  /** @param wanted the strings to look for; ASCII, so their modified UTF-8 is their UTF-8 */
  ConstantPoolStrings(Collection<String> wanted) {
    this.wanted = new byte[wanted.size()][];
    int min = Integer.MAX_VALUE;
    int max = -1;
    int i = 0;
    for (String string : wanted) {
      byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
      this.wanted[i++] = bytes;
      min = Math.min(min, bytes.length);
      max = Math.max(max, bytes.length);
    }
    this.shortest = min;
    this.longest = max;
  }

  boolean isEmpty() {
    return wanted.length == 0;
  }

  /**
   * Whether a CONSTANT_Utf8 entry equals one of the wanted strings. A pool this walk does not
   * understand (a future entry kind, a truncated file) answers {@code true}: the weaver then reads
   * the class properly.
   */
  boolean foundIn(byte[] classFile) {
    int end = classFile.length;
    if (end < 10) {
      return true;
    }
    int count = u2(classFile, 8);
    int offset = 10;
    int index = 1;
    while (index < count) {
      if (offset + 3 > end) {
        return true; // every entry takes three bytes at least
      }
      int tag = classFile[offset] & 0xFF;
      if (tag == UTF8) {
        int length = u2(classFile, offset + 1);
        offset += 3;
        if (offset + length > end) {
          return true;
        }
        if (length >= shortest && length <= longest && equalsOne(classFile, offset, length)) {
          return true;
        }
        offset += length;
        index++;
      } else {
        int size = ENTRY_SIZE[tag];
        if (size == 0) {
          return true;
        }
        offset += size;
        index += 1 + (size >>> 3); // a Long or a Double (9 bytes) takes two slots of the pool
      }
    }
    return false;
  }

  private boolean equalsOne(byte[] classFile, int start, int length) {
    for (byte[] candidate : wanted) {
      if (candidate.length == length && regionEquals(classFile, start, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionEquals(byte[] classFile, int start, byte[] candidate) {
    for (int i = candidate.length - 1; i >= 0; i--) { // descriptors share prefixes, not endings
      if (classFile[start + i] != candidate[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
  }
}
