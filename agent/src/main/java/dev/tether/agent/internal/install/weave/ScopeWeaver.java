package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.Origin;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves a scope around a method's body:
 *
 * <pre>
 *   state = enter(origins...);                 // a refusal thrown here: the body never runs
 *   try {
 *     [if (test(state)) { exit(state, null); return factory(part(state)...); }]
 *     body, with exit(state, null) before every return
 *   } catch (Throwable t) { exit(state, t); throw t; }
 * </pre>
 *
 * The state lives in a new local slot past the method's own ({@code stateSlot}, the method's
 * {@code max_locals}), so the body's locals keep their slots; every stack map frame of the body
 * gains that slot. Needs the class read with {@code EXPAND_FRAMES}. {@link DeferredScopeWeaver}
 * changes only what happens at a return.
 */
class ScopeWeaver extends WovenMethod {

  private final BridgeMethod enter;
  private final List<Origin> origins;
  /** {@code exit(state, thrown)}: on every way out for a scope, on a throw only for a deferred one. */
  private final BridgeMethod exit;
  private final Advice.ShortCircuit shortCircuit;
  private final int stateSlot;
  private final boolean writeFrames;
  private final Label bodyStart = new Label();
  private final Label bodyEnd = new Label();
  private final Label handler = new Label();

  ScopeWeaver(
      MethodVisitor next,
      String owner,
      int access,
      String name,
      String descriptor,
      Advice.Scope advice,
      int stateSlot,
      boolean writeFrames) {
    this(next, owner, access, name, descriptor, advice.enter(), advice.origins(), advice.exit(),
        advice.shortCircuit(), stateSlot, writeFrames);
  }

  ScopeWeaver(
      MethodVisitor next,
      String owner,
      int access,
      String name,
      String descriptor,
      BridgeMethod enter,
      List<Origin> origins,
      BridgeMethod exit,
      Advice.ShortCircuit shortCircuit,
      int stateSlot,
      boolean writeFrames) {
    super(next, owner, access, name, descriptor);
    this.enter = enter;
    this.origins = origins;
    this.exit = exit;
    this.shortCircuit = shortCircuit;
    this.stateSlot = stateSlot;
    this.writeFrames = writeFrames;
    if (shortCircuit != null && !WrapArgumentWeaver.isReference(Type.getReturnType(descriptor))) {
      throw new IllegalArgumentException(name + descriptor + " cannot be answered for: it returns no reference");
    }
  }

  @Override
  public void visitCode() {
    super.visitCode();
    pushOrigins(origins);
    invoke(enter);
    super.visitVarInsn(Opcodes.ASTORE, stateSlot);
    super.visitLabel(bodyStart);
    if (shortCircuit != null) {
      answerInstead(shortCircuit);
    }
  }

  private void answerInstead(Advice.ShortCircuit shortCircuit) {
    Label runBody = new Label();
    super.visitVarInsn(Opcodes.ALOAD, stateSlot);
    invoke(shortCircuit.test());
    super.visitJumpInsn(Opcodes.IFEQ, runBody);
    for (BridgeMethod part : shortCircuit.parts()) {
      super.visitVarInsn(Opcodes.ALOAD, stateSlot);
      invoke(part);
    }
    invoke(shortCircuit.factory());
    exitNormally();
    super.visitInsn(Opcodes.ARETURN);
    super.visitLabel(runBody);
    if (writeFrames) {
      Object[] locals =
          Frames.withStateAt(Frames.atEntry(owner, isStatic(), descriptor), stateSlot);
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
    }
    // The body's own first frame, if it has one at its first instruction, must not share an offset.
    super.visitInsn(Opcodes.NOP);
  }

  @Override
  public void visitInsn(int opcode) {
    if (isReturn(opcode)) {
      beforeReturn(opcode);
    }
    super.visitInsn(opcode);
  }

  /** Woven before each return instruction of the body, its value (if any) on the stack. */
  void beforeReturn(int opcode) {
    exitNormally();
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (type != Opcodes.F_NEW) {
      throw new IllegalStateException("frames must be expanded (read with EXPAND_FRAMES)");
    }
    Object[] locals = Frames.withStateAt(Frames.asList(numLocal, local), stateSlot);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitLabel(bodyEnd);
    super.visitLabel(handler);
    if (writeFrames) {
      Object[] locals = Frames.withStateAt(List.of(), stateSlot);
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
    }
    super.visitInsn(Opcodes.DUP);
    super.visitVarInsn(Opcodes.ALOAD, stateSlot);
    super.visitInsn(Opcodes.SWAP);
    invoke(exit);
    super.visitInsn(Opcodes.ATHROW);
    // Registered last, so that the body's own handlers keep precedence over this catch-all.
    super.visitTryCatchBlock(bodyStart, bodyEnd, handler, null);
    int shortCircuitStack =
        shortCircuit == null ? 0 : Math.max(shortCircuit.parts().size(), 3);
    int stack = Math.max(maxStack + 2, Math.max(3, Math.max(origins.size(), shortCircuitStack)));
    super.visitMaxs(stack, Math.max(maxLocals, stateSlot + 1));
  }

  /** Pushes the scope's state, for a subclass's woven code. */
  final void loadState() {
    super.visitVarInsn(Opcodes.ALOAD, stateSlot);
  }

  /** Emits {@code opcode} to the next visitor, not through {@link #visitInsn}. */
  final void emit(int opcode) {
    super.visitInsn(opcode);
  }

  /** {@code exit(state, null)}, on the way out of a normal return. */
  private void exitNormally() {
    super.visitVarInsn(Opcodes.ALOAD, stateSlot);
    super.visitInsn(Opcodes.ACONST_NULL);
    invoke(exit);
  }
}
