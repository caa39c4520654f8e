package dev.tether.agent.internal.install;

import java.util.List;

/**
 * Looks for exact strings among a class file's constant pool entries. An annotation on a method is
 * named there by its descriptor ({@code Ldev/langchain4j/agent/tool/Tool;}), so this answers "may
 * this class have a {@code @Tool} method?" by walking the pool's entries (a few hundred length
 * fields), never the methods' code: the pre-filter runs it for every class the JVM loads.
 */
final class ConstantPoolStrings {

  private static final int UTF8 = 1;

  private ConstantPoolStrings() {}

  /**
   * Whether a CONSTANT_Utf8 entry equals one of {@code wanted} (modified UTF-8 bytes; ASCII
   * strings are the same in both). A pool this walk does not understand (a future entry kind, a
   * truncated file) answers {@code true}: the weaver then reads the class properly.
   */
  static boolean containsAny(byte[] classFile, List<byte[]> wanted) {
    if (classFile.length < 10) {
      return true;
    }
    int count = u2(classFile, 8);
    int offset = 10;
    for (int index = 1; index < count; index++) {
      if (offset >= classFile.length) {
        return true;
      }
      int tag = classFile[offset] & 0xFF;
      switch (tag) {
        case UTF8:
          if (offset + 3 > classFile.length) {
            return true;
          }
          int length = u2(classFile, offset + 1);
          if (matches(classFile, offset + 3, length, wanted)) {
            return true;
          }
          offset += 3 + length;
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          offset += 5;
          break;
        case 5: // Long
        case 6: // Double: takes two pool slots
          offset += 9;
          index++;
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          offset += 3;
          break;
        case 15: // MethodHandle
          offset += 4;
          break;
        default:
          return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] classFile, int start, int length, List<byte[]> wanted) {
    if (start + length > classFile.length) {
      return false;
    }
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
