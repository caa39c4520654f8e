package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Before every {@code areturn}: {@code value = bridge(value, origins...)}. No frame changes. */
final class FilterReturnWeaver extends WovenMethod {

  private final Advice.FilterReturn advice;
  private final Type returnType;

  FilterReturnWeaver(
      MethodVisitor next, String owner, int access, String name, String descriptor, Advice.FilterReturn advice) {
    super(next, owner, access, name, descriptor);
    this.advice = advice;
    this.returnType = Type.getReturnType(descriptor);
    if (!WrapArgumentWeaver.isReference(returnType)) {
      throw new IllegalArgumentException(name + descriptor + " does not return a reference to filter");
    }
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode == Opcodes.ARETURN) {
      pushOrigins(advice.origins());
      invoke(advice.bridge());
      castTo(advice.bridge(), returnType);
    }
    super.visitInsn(opcode);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(maxStack + advice.origins().size(), maxLocals);
  }
}
