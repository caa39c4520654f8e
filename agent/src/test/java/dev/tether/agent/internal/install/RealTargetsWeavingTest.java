package dev.tether.agent.internal.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.internal.install.weave.ClassFiles;
import dev.tether.bootstrap.TetherField;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.awssdk.v2.AwsSdkInstrumentationModule;
import dev.tether.instrumentation.concurrent.JavaConcurrentInstrumentationModule;
import dev.tether.instrumentation.http.HttpClientsInstrumentationModule;
import dev.tether.instrumentation.tools.ToolBoundaryInstrumentationModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * Weaves the classes Tether really hooks, as they are on this JDK and in the AWS SDK on the test
 * class path, and checks every woven class with ASM's bytecode verifier. SDK classes are also
 * defined in their own loader, so that the JVM's verifier checks them too.
 */
class RealTargetsWeavingTest {

  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final WeavingTransformer transformer =
      new WeavingTransformer(instrumentations(), errors::add);

  @Test
  void theJdkExecutorsWeaveAndVerify() throws Exception {
    List<String> woven = new ArrayList<>();
    for (String name :
        List.of(
            "java/util/concurrent/ThreadPoolExecutor",
            "java/util/concurrent/ScheduledThreadPoolExecutor",
            "java/util/concurrent/ForkJoinPool",
            "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
            "java/util/concurrent/ThreadPerTaskExecutor")) {
      byte[] original = ClassFiles.read(name);
      if (original == null) {
        continue; // ThreadPerTaskExecutor exists from JDK 21
      }
      byte[] result = transformer.transform(null, null, name, null, null, original);
      assertThat(result).as(name + " woven").isNotNull();
      assertThat(ClassFiles.verifierProblems(result, ClassLoader.getSystemClassLoader())).as(name).isEmpty();
      woven.add(name);
    }
    assertThat(woven).contains("java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/ForkJoinPool");
    assertThat(errors).isEmpty();
  }

  @Test
  void theJdkHttpClientsWeaveAndVerify() throws Exception {
    for (String name :
        List.of(
            "jdk/internal/net/http/HttpRequestImpl",
            "jdk/internal/net/http/MultiExchange",
            "sun/net/www/protocol/http/HttpURLConnection")) {
      weaveAndVerify(name, ClassLoader.getSystemClassLoader());
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void theApacheRedirectStrategiesWeaveVerifyAndLink() throws Exception {
    for (String name :
        List.of(
            "org/apache/hc/client5/http/impl/DefaultRedirectStrategy",
            "org/apache/hc/client5/http/impl/LaxRedirectStrategy",
            "org/apache/hc/client5/http/impl/async/AsyncRedirectExec",
            "org/apache/http/impl/client/DefaultRedirectStrategy")) {
      assertLinks(name, weaveAndVerify(name, getClass().getClassLoader()));
    }
    assertThat(errors).isEmpty();
  }

  /** Where OkHttp and Apache HttpClient 5 and 4 send a request, after the application's interceptors. */
  @Test
  void theClientsSendingPointsWeaveVerifyAndLink() throws Exception {
    for (String name :
        List.of(
            "okhttp3/internal/http1/Http1ExchangeCodec",
            "okhttp3/internal/http2/Http2ExchangeCodec",
            "org/apache/hc/core5/http/protocol/DefaultHttpProcessor",
            "org/apache/http/protocol/HttpRequestExecutor")) {
      assertLinks(name, weaveAndVerify(name, getClass().getClassLoader()));
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void theClientsClassesTetherKeepsStateForGetItsFieldAsTheyLoad() throws Exception {
    for (String name : List.of("jdk/internal/net/http/MultiExchange", "okhttp3/Request",
        "sun/net/www/protocol/http/HttpURLConnection",
        "org/apache/hc/core5/http/message/BasicHttpRequest",
        "org/apache/hc/core5/http/protocol/HttpCoreContext")) {
      byte[] woven = weaveAndVerify(name, getClass().getClassLoader());
      assertThat(new ClassReader(woven).getInterfaces()).as(name).contains(FIELD_INTERFACE);
    }
    assertLinks("okhttp3/Request", transformer.transform(
        null, null, "okhttp3/Request", null, null, ClassFiles.read("okhttp3/Request")));
    assertThat(errors).isEmpty();
  }

  /**
   * Retransformation (Tether's own at start-up, or another agent's) cannot change a loaded class's
   * shape: the field is given again to a class that loaded with it, and never to one without.
   */
  @Test
  void aRetransformedClassKeepsTheShapeItLoadedWith() throws Exception {
    String fieldOnly = "org/apache/hc/core5/http/message/BasicHttpRequest";
    assertThat(transformer.transform(
        null, null, fieldOnly, Object.class, null, ClassFiles.read(fieldOnly)))
        .as("loaded before the agent: no field, and nothing else to weave").isNull();
    byte[] request = ClassFiles.read("okhttp3/Request");
    byte[] again = transformer.transform(
        null, null, "okhttp3/Request", LoadedAsCarrier.class, null, request);
    assertThat(new ClassReader(again).getInterfaces()).contains(FIELD_INTERFACE);
    byte[] hooksOnlyRequest = transformer.transform(
        null, null, "okhttp3/Request", Object.class, null, request);
    assertThat(new ClassReader(hooksOnlyRequest).getInterfaces())
        .as("loaded before the agent: its hook, without the field")
        .containsExactly(new ClassReader(request).getInterfaces());

    byte[] exchanges = ClassFiles.read("jdk/internal/net/http/MultiExchange");
    byte[] hooksOnly = transformer.transform(
        null, null, "jdk/internal/net/http/MultiExchange", Object.class, null, exchanges);
    assertThat(new ClassReader(hooksOnly).getInterfaces()).doesNotContain(FIELD_INTERFACE);
    assertThat(new ClassReader(hooksOnly).getInterfaces())
        .containsExactly(new ClassReader(exchanges).getInterfaces());
    assertThat(errors).isEmpty();
  }

  private static final String FIELD_INTERFACE = "dev/tether/bootstrap/TetherField";

  /** Stands for a class that loaded with the field. */
  private abstract static class LoadedAsCarrier implements TetherField {}

  /** Weaves the class as found on this JDK or class path; the result must pass ASM's verifier. */
  private byte[] weaveAndVerify(String name, ClassLoader loader) throws Exception {
    byte[] original = ClassFiles.read(name);
    assertThat(original).as(name + " found").isNotNull();
    byte[] result = transformer.transform(null, null, name, null, null, original);
    assertThat(result).as(name + " woven").isNotNull();
    assertThat(ClassFiles.verifierProblems(result, loader)).as(name).isEmpty();
    return result;
  }

  @Test
  void theSdkBuilderAndEveryAmbientProviderWeaveVerifyAndLink() throws Exception {
    Set<String> targets = new TreeSet<>();
    for (TypeInstrumentation type : new AwsSdkInstrumentationModule().typeInstrumentations()) {
      targets.addAll(type.typeNames());
    }
    assertThat(targets).hasSize(11);
    int woven = 0;
    for (String name : targets) {
      byte[] original = ClassFiles.read(name);
      assertThat(original).as(name + " on the class path").isNotNull();
      byte[] result = transformer.transform(null, null, name, null, null, original);
      if (!declaresResolveCredentials(name)) {
        // e.g. EnvironmentVariableCredentialsProvider inherits it from a hooked provider
        assertThat(result).as(name + " left alone").isNull();
        continue;
      }
      assertThat(result).as(name + " woven").isNotNull();
      assertThat(ClassFiles.verifierProblems(result, getClass().getClassLoader())).as(name).isEmpty();
      assertLinks(name, result);
      woven++;
    }
    assertThat(woven).isGreaterThanOrEqualTo(9);
    assertThat(errors).isEmpty();
  }

  /**
   * Initializing the class links it first, and linking verifies it. Its static initializer may
   * then fail to reach package-private members of the SDK's own loader (the class sits alone in
   * another loader here): that happens after verification, so only verification errors count.
   */
  private static void assertLinks(String name, byte[] classFile) throws ClassNotFoundException {
    try {
      ClassFiles.defineAndLink(name.replace('/', '.'), classFile, RealTargetsWeavingTest.class.getClassLoader());
    } catch (IllegalAccessError afterVerification) {
      assertThat(afterVerification).isNotInstanceOf(VerifyError.class);
    }
  }

  private static boolean declaresResolveCredentials(String internalName) throws ClassNotFoundException {
    if (internalName.endsWith("SdkDefaultClientBuilder") || internalName.endsWith("DefaultS3Presigner")) {
      return true;
    }
    Class<?> type = Class.forName(internalName.replace('/', '.'), false, RealTargetsWeavingTest.class.getClassLoader());
    try {
      type.getDeclaredMethod("resolveCredentials");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static List<TypeInstrumentation> instrumentations() {
    List<TypeInstrumentation> all = new ArrayList<>();
    for (InstrumentationModule module :
        List.of(
            new JavaConcurrentInstrumentationModule(),
            new AwsSdkInstrumentationModule(),
            new HttpClientsInstrumentationModule(),
            new ToolBoundaryInstrumentationModule(List.of(), List.of()))) {
      all.addAll(module.typeInstrumentations());
    }
    return all;
  }
}
