package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** At entry: {@code argument = bridge(argument, origins...)}. Straight-line code: no frame changes. */
final class WrapArgumentWeaver extends WovenMethod {

  private final Advice.WrapArgument advice;
  private final int slot;
  private final Type argumentType;

  WrapArgumentWeaver(
      MethodVisitor next, String owner, int access, String name, String descriptor, Advice.WrapArgument advice) {
    super(next, owner, access, name, descriptor);
    this.advice = advice;
    Type[] arguments = Type.getArgumentTypes(descriptor);
    if (advice.index() >= arguments.length || !isReference(arguments[advice.index()])) {
      throw new IllegalArgumentException(
          name + descriptor + " has no reference argument " + advice.index() + " to wrap");
    }
    this.argumentType = arguments[advice.index()];
    int s = isStatic() ? 0 : 1;
    for (int i = 0; i < advice.index(); i++) {
      s += arguments[i].getSize();
    }
    this.slot = s;
  }

  @Override
  public void visitCode() {
    super.visitCode();
    super.visitVarInsn(Opcodes.ALOAD, slot);
    pushOrigins(advice.origins());
    invoke(advice.bridge());
    castTo(advice.bridge(), argumentType);
    super.visitVarInsn(Opcodes.ASTORE, slot);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(Math.max(maxStack, 1 + advice.origins().size()), maxLocals);
  }

  static boolean isReference(Type type) {
    return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
  }
}
