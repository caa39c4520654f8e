package dev.tether.agent.internal.install.weave;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * Reads {@code max_locals} of every method straight from the class file's method table, without
 * parsing any code: the state a scope keeps goes in the first slot past the method's own locals,
 * and the weaving pass needs that slot before it reads the method's first instruction.
 */
final class MaxLocals {

  private MaxLocals() {}

  /** Method key ({@code name + descriptor}) to its {@code max_locals}; methods without code are absent. */
  static Map<String, Integer> of(ClassReader reader) {
    char[] buffer = new char[reader.getMaxStringLength()];
    int offset = reader.header + 6; // access_flags, this_class, super_class
    offset += 2 + 2 * reader.readUnsignedShort(offset); // interfaces
    int fields = reader.readUnsignedShort(offset);
    offset += 2;
    for (int i = 0; i < fields; i++) {
      offset = skipAttributes(reader, offset + 6);
    }
    Map<String, Integer> result = new HashMap<>();
    int methods = reader.readUnsignedShort(offset);
    offset += 2;
    for (int i = 0; i < methods; i++) {
      String name = reader.readUTF8(offset + 2, buffer);
      String descriptor = reader.readUTF8(offset + 4, buffer);
      int attributes = reader.readUnsignedShort(offset + 6);
      offset += 8;
      for (int a = 0; a < attributes; a++) {
        String attribute = reader.readUTF8(offset, buffer);
        int length = reader.readInt(offset + 2);
        if ("Code".equals(attribute)) {
          result.put(name + descriptor, reader.readUnsignedShort(offset + 8));
        }
        offset += 6 + length;
      }
    }
    return result;
  }

  private static int skipAttributes(ClassReader reader, int offset) {
    int attributes = reader.readUnsignedShort(offset);
    offset += 2;
    for (int a = 0; a < attributes; a++) {
      offset += 6 + reader.readInt(offset + 2);
    }
    return offset;
  }
}
