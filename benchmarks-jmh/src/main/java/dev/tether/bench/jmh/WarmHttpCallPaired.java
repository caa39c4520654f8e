package dev.tether.bench.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Tether adds to a warm HTTP call to an external API on loopback, per client (issue 5's bar:
 * at most 2 % once tokens are cached): inside one tool call ({@link ToolScope}), the same GET
 * without and with Tether's bridge, interleaved call by call ({@link HttpArmTimes}). The API is a
 * time-boxed one, so after the first call the token comes from the tool call's cache.
 * {@link #singleUseToken} is the other mode: a Vault round trip for every call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g",
    // AgentWovenClasses, and what the agent opens to itself for HttpURLConnection's headers
    "--add-opens", "java.base/sun.net.www.protocol.http=ALL-UNNAMED",
    "--add-opens", "java.base/sun.net.www=ALL-UNNAMED",
    // The JDK client's woven HttpRequestImpl (AgentWovenClasses.defineJdkRequestCopy): the bridge
    // on the boot class path, as the agent puts it (run from the repository's root)
    "-Xbootclasspath/a:" + AgentWovenClasses.BOOTSTRAP_JAR,
    "--add-reads", "java.net.http=ALL-UNNAMED",
    "--add-opens", "java.net.http/jdk.internal.net.http=ALL-UNNAMED"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
public class WarmHttpCallPaired {

  @Benchmark
  public int bothArms(ToolScope tool, LoopbackHttp http, HttpArmTimes times)
      throws IOException, InterruptedException {
    return times.timeOneRound(http);
  }

  /** One call to the single-use API: Tether fetches a fresh token from the Vault first. */
  @Benchmark
  public int singleUseToken(ToolScope tool, LoopbackHttp http)
      throws IOException, InterruptedException {
    return http.call(http.singleUseApi(), true);
  }
}
