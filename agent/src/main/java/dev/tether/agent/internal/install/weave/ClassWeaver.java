package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.MethodHook;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves advice into one class file. Two passes over the bytes: the method table and annotations
 * decide which methods are hooked ({@link HookPlan}); only if any is, the class is read again with
 * expanded frames and written with the woven methods. Nothing is computed that needs another class
 * (no frame computation, so no class loading): the weavers keep the class's own frames valid.
 * Adds no member, so it serves retransformation of already-loaded classes too.
 */
public final class ClassWeaver {

  private ClassWeaver() {}

  /** The woven class file and its hooked methods, or {@code null} when no method matched. */
  public static Woven weave(byte[] classFile, List<MethodHook> hooks) {
    ClassReader reader = new ClassReader(classFile);
    Map<String, Advice> plan = HookPlan.of(reader, hooks);
    if (plan.isEmpty()) {
      return null;
    }
    Map<String, Integer> maxLocals = MaxLocals.of(reader);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new Weaving(writer, plan, maxLocals), ClassReader.EXPAND_FRAMES);
    return new Woven(writer.toByteArray(), List.copyOf(plan.keySet()));
  }

  /** @param methods the hooked methods as {@code name + descriptor} */
  public record Woven(byte[] classFile, List<String> methods) {}

  private static final class Weaving extends ClassVisitor {

    private final Map<String, Advice> plan;
    private final Map<String, Integer> maxLocals;
    private String owner;
    private int version;

    Weaving(ClassVisitor next, Map<String, Advice> plan, Map<String, Integer> maxLocals) {
      super(Opcodes.ASM9, next);
      this.plan = plan;
      this.maxLocals = maxLocals;
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] interfaces) {
      this.owner = name;
      this.version = version & 0xFFFF;
      if (this.version < Opcodes.V1_5) {
        throw new IllegalArgumentException(
            name + " is a Java 1.4 (or older) class file, which cannot hold a class literal");
      }
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      Advice advice = plan.get(name + descriptor);
      if (advice == null || next == null) {
        return next;
      }
      if (advice instanceof Advice.WrapArgument wrap) {
        return new WrapArgumentWeaver(next, owner, access, name, descriptor, wrap);
      }
      if (advice instanceof Advice.FilterReturn filter) {
        return new FilterReturnWeaver(next, owner, access, name, descriptor, filter);
      }
      Integer slot = maxLocals.get(name + descriptor);
      if (slot == null) {
        throw new IllegalStateException(name + descriptor + " has no code to weave");
      }
      boolean writeFrames = version >= Opcodes.V1_6;
      if (advice instanceof Advice.DeferredScope deferred) {
        return new DeferredScopeWeaver(
            next, owner, access, name, descriptor, deferred, slot, writeFrames);
      }
      return new ScopeWeaver(
          next, owner, access, name, descriptor, (Advice.Scope) advice, slot, writeFrames);
    }
  }
}
