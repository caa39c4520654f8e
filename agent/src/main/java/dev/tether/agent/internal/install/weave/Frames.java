package dev.tether.agent.internal.install.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Stack map frame locals, in ASM's expanded form (a long or double is one entry, two slots). */
final class Frames {

  static final String OBJECT = "java/lang/Object";

  private Frames() {}

  /** The locals at a method's first instruction: {@code this} (unless static), then the arguments. */
  static List<Object> atEntry(String owner, boolean isStatic, String descriptor) {
    List<Object> locals = new ArrayList<>();
    if (!isStatic) {
      locals.add(owner);
    }
    for (Type argument : Type.getArgumentTypes(descriptor)) {
      locals.add(verificationType(argument));
    }
    return locals;
  }

  /**
   * {@code locals} followed by TOP up to {@code slot}, then an {@code Object} in {@code slot}: the
   * scope state, which is live (and an Object) everywhere inside the woven method.
   */
  static Object[] withStateAt(List<Object> locals, int slot) {
    List<Object> result = new ArrayList<>(locals);
    int used = 0;
    for (Object local : locals) {
      used += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
    }
    if (used > slot) {
      throw new IllegalStateException("a frame uses slot " + slot + ", reserved for the scope state");
    }
    for (; used < slot; used++) {
      result.add(Opcodes.TOP);
    }
    result.add(OBJECT);
    return result.toArray();
  }

  static List<Object> asList(int count, Object[] locals) {
    List<Object> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(locals[i]);
    }
    return list;
  }

  private static Object verificationType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      case Type.ARRAY:
        return type.getDescriptor();
      default:
        return type.getInternalName();
    }
  }
}
