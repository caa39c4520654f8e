package dev.tether.demo;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** Tells whether the Tether agent was attached to this JVM with {@code -javaagent}. */
final class AgentDetection {

  private AgentDetection() {}

  static boolean tetherAttached() {
    return tetherAttached(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  static boolean tetherAttached(List<String> jvmArguments) {
    return jvmArguments.stream()
        .map(argument -> argument.toLowerCase(Locale.ROOT))
        .anyMatch(
            argument -> argument.startsWith("-javaagent:") && argument.contains("tether-agent"));
  }
}
