package dev.tether.it.apps;

/**
 * An application with its own Jackson, ASM, Byte Buddy, OpenTelemetry and SnakeYAML, other
 * versions than Tether's. Prints what it sees; uses reflection so it compiles against none of them.
 */
public final class LibraryVersionsApp {

  public static void main(String[] args) throws Exception {
    Object mapper = Class.forName("com.fasterxml.jackson.databind.ObjectMapper").getConstructor().newInstance();
    System.out.println("jackson " + mapper.getClass().getMethod("version").invoke(mapper));
    Object json = mapper.getClass().getMethod("writeValueAsString", Object.class).invoke(mapper, java.util.Map.of("k", "v"));
    System.out.println("jackson-works " + json);
    System.out.println("asm " + Class.forName("org.objectweb.asm.ClassReader").getProtectionDomain().getCodeSource().getLocation());
    System.out.println("bytebuddy " + Class.forName("net.bytebuddy.ByteBuddy").getProtectionDomain().getCodeSource().getLocation());
    Object otel = Class.forName("io.opentelemetry.api.GlobalOpenTelemetry").getMethod("get").invoke(null);
    System.out.println("otel " + otel.getClass().getName() + " from "
        + Class.forName("io.opentelemetry.api.GlobalOpenTelemetry").getProtectionDomain().getCodeSource().getLocation());
    System.out.println("snakeyaml " + Class.forName("org.yaml.snakeyaml.Yaml").getProtectionDomain().getCodeSource().getLocation());
    for (String hidden : new String[] {
        "dev.tether.agent.internal.AgentInstaller",
        "dev.tether.agent.shaded.asm.ClassReader",
        "dev.tether.agent.internal.config.yaml.YamlParser",
        "dev.tether.agent.shaded.opentelemetry.api.trace.Tracer"}) {
      try {
        Class.forName(hidden, false, LibraryVersionsApp.class.getClassLoader());
        System.out.println("visible " + hidden);
      } catch (ClassNotFoundException expected) {
        System.out.println("hidden " + hidden);
      }
    }
  }
}
