package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.Origin;
import java.util.List;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What every weaver knows about the method it weaves into, and the instructions they share. All
 * woven instructions go to the next visitor ({@code super}), never back through the weaver.
 */
abstract class WovenMethod extends MethodVisitor {

  final String owner;
  final int access;
  final String name;
  final String descriptor;

  WovenMethod(MethodVisitor next, String owner, int access, String name, String descriptor) {
    super(Opcodes.ASM9, next);
    this.owner = owner;
    this.access = access;
    this.name = name;
    this.descriptor = descriptor;
  }

  boolean isStatic() {
    return (access & Opcodes.ACC_STATIC) != 0;
  }

  void pushOrigins(List<Origin> origins) {
    for (Origin origin : origins) {
      switch (origin) {
        case DECLARING_CLASS:
          super.visitLdcInsn(Type.getObjectType(owner));
          break;
        case DECLARING_TYPE_NAME:
          super.visitLdcInsn(owner.replace('/', '.'));
          break;
        case METHOD_NAME:
          super.visitLdcInsn(name);
          break;
        case METHOD_DESCRIPTOR:
          super.visitLdcInsn(descriptor);
          break;
        case THIS:
          if (isStatic()) {
            throw new IllegalArgumentException(name + descriptor + " is static: it has no receiver");
          }
          super.visitVarInsn(Opcodes.ALOAD, 0);
          break;
        case FIRST_ARGUMENT:
          loadReferenceArgument(0, "first");
          break;
        case SECOND_ARGUMENT:
          loadReferenceArgument(1, "second");
          break;
        case THIRD_ARGUMENT:
          loadReferenceArgument(2, "third");
          break;
        default:
          throw new IllegalStateException("unknown origin " + origin);
      }
    }
  }

  private void loadReferenceArgument(int index, String ordinal) {
    Type[] arguments = Type.getArgumentTypes(descriptor);
    if (arguments.length <= index || !WrapArgumentWeaver.isReference(arguments[index])) {
      throw new IllegalArgumentException(
          name + descriptor + " has no reference " + ordinal + " argument");
    }
    int slot = isStatic() ? 0 : 1;
    for (int i = 0; i < index; i++) {
      slot += arguments[i].getSize();
    }
    super.visitVarInsn(Opcodes.ALOAD, slot);
  }

  void invoke(BridgeMethod bridge) {
    super.visitMethodInsn(Opcodes.INVOKESTATIC, bridge.owner(), bridge.name(), bridge.descriptor(), false);
  }

  /** A cast when the bridge returns a wider reference type than {@code expected}. */
  void castTo(BridgeMethod bridge, Type expected) {
    if (!bridge.returnDescriptor().equals(expected.getDescriptor())) {
      super.visitTypeInsn(Opcodes.CHECKCAST, expected.getInternalName());
    }
  }

  static boolean isReturn(int opcode) {
    return opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
  }
}
