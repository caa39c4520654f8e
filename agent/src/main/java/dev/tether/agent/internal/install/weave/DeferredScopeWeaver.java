package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A {@link ScopeWeaver} whose scope may outlive the method: the returned value goes through
 * {@code exitReturning}, which closes the scope or hands it to the value (a {@code Mono}, a {@code
 * CompletionStage}...), and the answer is returned instead:
 *
 * <pre>
 *   state = enter(origins...);
 *   try {
 *     body, with {@code value = (ReturnType) exitReturning(state, value)} before every areturn
 *   } catch (Throwable t) { exitThrown(state, t); throw t; }
 * </pre>
 */
final class DeferredScopeWeaver extends ScopeWeaver {

  private final BridgeMethod exitReturning;
  private final Type returnType;

  DeferredScopeWeaver(
      MethodVisitor next,
      String owner,
      int access,
      String name,
      String descriptor,
      Advice.DeferredScope advice,
      int stateSlot,
      boolean writeFrames) {
    super(next, owner, access, name, descriptor, advice.enter(), advice.origins(),
        advice.exitThrown(), null, stateSlot, writeFrames);
    this.exitReturning = advice.exitReturning();
    this.returnType = Type.getReturnType(descriptor);
    if (!WrapArgumentWeaver.isReference(returnType)) {
      throw new IllegalArgumentException(
          name + descriptor + " returns no reference: a deferred scope follows a returned value");
    }
  }

  /** {@code value = (ReturnType) exitReturning(state, value)}, the value on top of the stack. */
  @Override
  void beforeReturn(int opcode) {
    loadState();
    emit(Opcodes.SWAP);
    invoke(exitReturning);
    castTo(exitReturning, returnType);
  }
}
