package dev.tether.agent.internal.install.weave;

import dev.tether.bootstrap.TetherField;
import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.MethodHook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves advice into one class file. Two passes over the bytes: the method table and annotations
 * decide which methods are hooked ({@link HookPlan}); only if any is, the class is read again with
 * expanded frames and written with the woven methods. Nothing is computed that needs another class
 * (no frame computation, so no class loading): the weavers keep the class's own frames valid.
 * Adds no member, so it serves retransformation of already-loaded classes too, unless asked to
 * give the class Tether's field ({@link TetherField}: the interface, a field and its two
 * accessors), which only a class being loaded, or one that loaded with it, may be given.
 */
public final class ClassWeaver {

  private ClassWeaver() {}

  /** The woven class file and its hooked methods, or {@code null} when no method matched. */
  public static Woven weave(byte[] classFile, List<MethodHook> hooks) {
    return weave(classFile, hooks, false);
  }

  /**
   * As {@link #weave(byte[], List)}; with {@code withField}, the class also gets Tether's field
   * ({@link TetherField}), unless it is an interface or has it already.
   */
  public static Woven weave(byte[] classFile, List<MethodHook> hooks, boolean withField) {
    ClassReader reader = new ClassReader(classFile);
    Map<String, Advice> plan = HookPlan.of(reader, hooks);
    withField &= (reader.getAccess() & Opcodes.ACC_INTERFACE) == 0
        && !List.of(reader.getInterfaces()).contains(FIELD_INTERFACE);
    if (plan.isEmpty() && !withField) {
      return null;
    }
    Map<String, Integer> maxLocals = plan.isEmpty() ? Map.of() : MaxLocals.of(reader);
    ClassWriter writer = new ClassWriter(reader, 0);
    // With nothing to weave the methods are copied byte for byte; woven ones need their frames
    // expanded.
    reader.accept(new Weaving(writer, plan, maxLocals, withField),
        plan.isEmpty() ? 0 : ClassReader.EXPAND_FRAMES);
    List<String> changed = new ArrayList<>(plan.keySet());
    if (withField) {
      changed.add(TetherField.NAME + " (field)");
    }
    return new Woven(writer.toByteArray(), List.copyOf(changed));
  }

  private static final String FIELD_INTERFACE = Type.getInternalName(TetherField.class);

  /** @param methods the hooked methods as {@code name + descriptor} */
  public record Woven(byte[] classFile, List<String> methods) {}

  private static final String OBJECT = "Ljava/lang/Object;";

  private static final class Weaving extends ClassVisitor {

    private final Map<String, Advice> plan;
    private final Map<String, Integer> maxLocals;
    private final boolean withField;
    private String owner;
    private int version;

    Weaving(
        ClassVisitor next, Map<String, Advice> plan, Map<String, Integer> maxLocals,
        boolean withField) {
      super(Opcodes.ASM9, next);
      this.plan = plan;
      this.maxLocals = maxLocals;
      this.withField = withField;
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
      if (withField) {
        String[] more = Arrays.copyOf(interfaces, interfaces.length + 1);
        more[interfaces.length] = FIELD_INTERFACE;
        interfaces = more;
        if (signature != null) {
          signature = signature + "L" + FIELD_INTERFACE + ";"; // a generic signature lists them too
        }
      }
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitEnd() {
      if (withField) {
        addTetherField();
      }
      super.visitEnd();
    }

    /**
     * A field no serializer or reflective copier should see (transient, synthetic), volatile
     * because the client reads it on another thread than the one that wrote it.
     */
    private void addTetherField() {
      String field = TetherField.NAME;
      super.visitField(
          Opcodes.ACC_PRIVATE | Opcodes.ACC_VOLATILE | Opcodes.ACC_TRANSIENT
              | Opcodes.ACC_SYNTHETIC,
          field, OBJECT, null, null).visitEnd();
      MethodVisitor get = super.visitMethod(
          Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, field, "()" + OBJECT, null, null);
      get.visitCode();
      get.visitVarInsn(Opcodes.ALOAD, 0);
      get.visitFieldInsn(Opcodes.GETFIELD, owner, field, OBJECT);
      get.visitInsn(Opcodes.ARETURN);
      get.visitMaxs(1, 1);
      get.visitEnd();
      MethodVisitor set = super.visitMethod(
          Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, field, "(" + OBJECT + ")V", null, null);
      set.visitCode();
      set.visitVarInsn(Opcodes.ALOAD, 0);
      set.visitVarInsn(Opcodes.ALOAD, 1);
      set.visitFieldInsn(Opcodes.PUTFIELD, owner, field, OBJECT);
      set.visitInsn(Opcodes.RETURN);
      set.visitMaxs(2, 2);
      set.visitEnd();
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
      if (advice instanceof Advice.FilterCallResult call) {
        return new FilterCallResultWeaver(next, owner, access, name, descriptor, call);
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
