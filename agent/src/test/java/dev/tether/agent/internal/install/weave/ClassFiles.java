package dev.tether.agent.internal.install.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/** Small real class files for tests of code that reads class files. */
public final class ClassFiles {

  private ClassFiles() {}

  /** The class file of {@code internalName} as the system loader finds it, or null. */
  public static byte[] read(String internalName) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    }
  }

  public static byte[] of(Class<?> type) throws IOException {
    return read(type.getName().replace('.', '/'));
  }

  /** What ASM's bytecode analyzer finds wrong with {@code classFile}; empty when nothing. */
  public static String verifierProblems(byte[] classFile, ClassLoader types) {
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(classFile), types, false, new PrintWriter(problems));
    return problems.toString();
  }

  /**
   * Defines {@code classFile} alone in a new loader whose parent is {@code parent} and
   * initializes it, which links it first: linking runs the JVM's verifier.
   */
  public static Class<?> defineAndLink(String name, byte[] classFile, ClassLoader parent)
      throws ClassNotFoundException {
    return Class.forName(name, true, new OneClassLoader(name, classFile, parent));
  }

  /**
   * {@code type} as the agent weaves a class it gives Tether's field ({@code TetherField}), defined
   * alone in a loader of its own whose parent is {@code type}'s, and linked.
   */
  public static Class<?> withTetherField(Class<?> type) throws IOException, ClassNotFoundException {
    byte[] woven = ClassWeaver.weave(of(type), List.of(), true).classFile();
    return defineAndLink(type.getName(), woven, type.getClassLoader());
  }

  /** Defines one class from given bytes, everything else from its parent. */
  private static final class OneClassLoader extends ClassLoader {
    private final String name;
    private final byte[] classFile;

    OneClassLoader(String name, byte[] classFile, ClassLoader parent) {
      super(parent);
      this.name = name;
      this.classFile = classFile;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (!className.equals(name)) {
        return super.loadClass(className, resolve);
      }
      synchronized (getClassLoadingLock(className)) {
        Class<?> loaded = findLoadedClass(className);
        return loaded != null ? loaded : defineClass(className, classFile, 0, classFile.length);
      }
    }
  }

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
