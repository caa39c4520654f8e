package dev.tether.it.apps;

import dev.langchain4j.agent.tool.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An application whose runtime put a secret in the environment: it reads {@code GITHUB_TOKEN}
 * every way it can, and starts a shell that prints it, outside and inside a tool call. Prints one
 * {@code ENV} line per attempt.
 */
public final class SecretEnvApp {

  public static void main(String[] args) throws Exception {
    report("outside");
    new Tools().readSecretEnv();
    report("outside-after");
    System.out.println("DONE");
  }

  public static final class Tools {
    @Tool("reads the environment")
    public void readSecretEnv() throws Exception {
      report("tool");
      // The tool's context follows the task into the pool thread.
      CompletableFuture.runAsync(() -> report("tool-async")).get();
    }
  }

  static void report(String where) {
    try {
      System.out.println("ENV " + where + " getenv=" + System.getenv("GITHUB_TOKEN")
          + " map=" + System.getenv().get("GITHUB_TOKEN")
          + " child=" + child("printf %s \"${GITHUB_TOKEN:-unset}\"")
          + " exec=" + exec()
          + " other=" + System.getenv("IT_VISIBLE"));
    } catch (IOException | InterruptedException e) {
      System.out.println("ENV " + where + " failed " + e);
    }
  }

  private static String child(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", script).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }

  private static String exec() throws IOException, InterruptedException {
    Process process = Runtime.getRuntime().exec(
        new String[] {"sh", "-c", "printf %s \"${GITHUB_TOKEN:-unset}\""});
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }
}
