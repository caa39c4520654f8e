package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * After each call to the advice's method: {@code value = bridge(value, origins...)}. Straight-line
 * code right after the call: no frame changes. A method without the call is an error, raised
 * before the class is written, so the class loads unwoven and the failure is reported.
 */
final class FilterCallResultWeaver extends WovenMethod {

  private final Advice.FilterCallResult advice;
  private final Type resultType;
  private boolean called;

  FilterCallResultWeaver(MethodVisitor next, String owner, int access, String name,
      String descriptor, Advice.FilterCallResult advice) {
    super(next, owner, access, name, descriptor);
    this.advice = advice;
    this.resultType = Type.getReturnType(advice.descriptor());
    if (!WrapArgumentWeaver.isReference(resultType)) {
      throw new IllegalArgumentException(advice.owner() + "." + advice.name()
          + advice.descriptor() + " does not return a reference to filter");
    }
  }

  @Override
  public void visitMethodInsn(
      int opcode, String callOwner, String callName, String callDescriptor, boolean isInterface) {
    super.visitMethodInsn(opcode, callOwner, callName, callDescriptor, isInterface);
    if (callOwner.equals(advice.owner()) && callName.equals(advice.name())
        && callDescriptor.equals(advice.descriptor())) {
      called = true;
      pushOrigins(advice.origins());
      invoke(advice.bridge());
      castTo(advice.bridge(), resultType);
    }
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    if (!called) {
      throw new IllegalStateException(name + descriptor + " of " + owner.replace('/', '.')
          + " no longer calls " + advice.owner().replace('/', '.') + "." + advice.name()
          + advice.descriptor() + ", where Tether's hook goes: this version is not supported");
    }
    super.visitMaxs(maxStack + advice.origins().size(), maxLocals);
  }
}
