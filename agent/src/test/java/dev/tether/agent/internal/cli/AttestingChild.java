package dev.tether.agent.internal.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A workload for {@link LaunchCommandTest}, run by the launcher in its own JVM: asks the attestor
 * its environment names for evidence (as the agent does at start-up), writes what it saw to files,
 * and exits with status 7; or, with a fourth argument {@code wait}, prints its pid once it has
 * evidence and waits to be stopped. JDK only, so it runs with just the test classes on its class
 * path.
 *
 * <p>args: OUT_DIR NONCE JKT [wait]
 */
public final class AttestingChild {

  private AttestingChild() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    String attestor = System.getenv("TETHER_LOCAL_ATTESTOR");
    String ticket = System.getenv("TETHER_LOCAL_ATTESTOR_TICKET");
    Files.writeString(out.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
    Files.writeString(out.resolve("attestor"), attestor);
    Files.writeString(out.resolve("ticket"), ticket);
    String body = "{\"ticket\":\"" + ticket + "\",\"nonce\":\"" + args[1] + "\",\"jkt\":\""
        + args[2] + "\"}";
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(attestor + "/v1/evidence"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Files.writeString(out.resolve("response"), response.statusCode() + " " + response.body());
    if (args.length > 3 && args[3].equals("wait")) {
      System.out.println(ProcessHandle.current().pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
    System.exit(7);
  }
}
