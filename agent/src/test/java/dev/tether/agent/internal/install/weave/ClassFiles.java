package dev.tether.agent.internal.install.weave;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Small real class files for tests of code that reads class files. */
public final class ClassFiles {

  private ClassFiles() {}

  /**
   * A class with one method {@code run()}, annotated with {@code annotationDescriptor} unless it is
   * null, and a body that loads constants of every wide kind (long, double) before returning.
   */
  public static byte[] withMethodAnnotation(String internalName, String annotationDescriptor) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
    MethodVisitor run = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
    if (annotationDescriptor != null) {
      run.visitAnnotation(annotationDescriptor, true).visitEnd();
    }
    run.visitCode();
    run.visitLdcInsn(1234567890123L);
    run.visitInsn(Opcodes.POP2);
    run.visitLdcInsn(2.5d);
    run.visitInsn(Opcodes.POP2);
    run.visitLdcInsn("a string constant");
    run.visitInsn(Opcodes.POP);
    run.visitInsn(Opcodes.RETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }
}
