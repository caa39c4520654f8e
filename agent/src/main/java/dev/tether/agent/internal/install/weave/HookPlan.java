package dev.tether.agent.internal.install.weave;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.MethodInfo;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The first pass: which methods of a class take which advice, decided from the method table and
 * the methods' annotations alone (code is skipped). A method takes the first hook that matches it.
 */
final class HookPlan extends ClassVisitor {

  private final List<MethodHook> hooks;
  private final Map<String, Advice> adviceByMethod = new LinkedHashMap<>();

  private HookPlan(List<MethodHook> hooks) {
    super(Opcodes.ASM9);
    this.hooks = hooks;
  }

  /** Method key ({@code name + descriptor}) to its advice; empty when nothing in the class matches. */
  static Map<String, Advice> of(ClassReader reader, List<MethodHook> hooks) {
    HookPlan plan = new HookPlan(hooks);
    reader.accept(plan, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return plan.adviceByMethod;
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    Set<String> annotations = new HashSet<>();
    return new MethodVisitor(Opcodes.ASM9) {
      @Override
      public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
        annotations.add(annotationDescriptor);
        return null;
      }

      @Override
      public void visitEnd() {
        MethodInfo method = new MethodInfo(access, name, descriptor, Set.copyOf(annotations));
        for (MethodHook hook : hooks) {
          if (hook.matcher().matches(method)) {
            adviceByMethod.put(name + descriptor, hook.advice());
            return;
          }
        }
      }
    };
  }
}
