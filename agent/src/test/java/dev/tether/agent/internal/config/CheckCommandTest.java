package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  private static final String SMALL =
      String.join(
          "\n",
          "vault:",
          "  url: https://vault.internal:8787",
          "tools:",
          "  - name: fetch_sources",
          "    aws:",
          "      actions: [s3:GetObject]",
          "      resources: [\"arn:aws:s3:::sources/${repo}/*\"]",
          "    egress: [api.github.com]",
          "  - name: plain",
          "    boundary: com.acme.Tools#plain",
          "    aws:",
          "      actions: [sqs:SendMessage]",
          "      resources: [\"arn:aws:sqs:us-east-1:111122223333:jobs\"]",
          "outside-tools:",
          "  aws: ambient",
          "  ambient-services: [logs]",
          "");

  private static final String FETCH_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TetherToolScope\","
          + "\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
          + "\"Resource\":[\"arn:aws:s3:::sources/acme/app/*\"]}]}";
  private static final String PLAIN_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TetherToolScope\","
          + "\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\"],"
          + "\"Resource\":[\"arn:aws:sqs:us-east-1:111122223333:jobs\"]}]}";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void validFileWithTaskFlagsPrintsResolvedResourcesAndPolicies() throws IOException {
    Path file = write("tether.yaml", SMALL);

    int exit =
        run("check", file.toString(), "--task-id", "t-9", "--user-id", "bob", "--repo=acme/app");

    assertThat(exit).isEqualTo(0);
    assertThat(err()).isEmpty();
    assertThat(out())
        .isEqualTo(
            String.join(
                "\n",
                "source: " + file,
                "vault:",
                "  url: https://vault.internal:8787",
                "  token: not set here (-Dtether.vault.token or TETHER_VAULT_TOKEN at run time)",
                "  timeout: 5s",
                "task: id t-9, user bob, repo acme/app (from the flags)",
                "attestation: local, re-attested every 5m",
                "  attestor: not set here (TETHER_LOCAL_ATTESTOR or -Dtether.local.attestor at run"
                    + " time; 'tether-agent.jar launch' sets it)",
                "outside tools: AWS with the ambient credentials, for logs only",
                "telemetry: otlp",
                "turn boundaries: none",
                "turn tokens hold: all of the task's tools, all of the task's repositories",
                "tools: 2",
                "",
                "tool fetch_sources (line 4)",
                "  boundary: @Tool method named 'fetch_sources' (LangChain4j or Spring AI)",
                "  aws actions:",
                "    s3:GetObject",
                "  aws resources as written:",
                "    arn:aws:s3:::sources/${repo}/*",
                "  aws resources for task t-9:",
                "    arn:aws:s3:::sources/acme/app/*",
                "  session policy (" + FETCH_POLICY.length() + " of 2048 characters):",
                "    " + FETCH_POLICY,
                "  egress:",
                "    api.github.com",
                "",
                "tool plain (line 9)",
                "  boundary: com.acme.Tools#plain",
                "  aws actions:",
                "    sqs:SendMessage",
                "  aws resources as written:",
                "    arn:aws:sqs:us-east-1:111122223333:jobs",
                "  aws resources for task t-9:",
                "    arn:aws:sqs:us-east-1:111122223333:jobs",
                "  session policy (" + PLAIN_POLICY.length() + " of 2048 characters):",
                "    " + PLAIN_POLICY,
                "  egress: none",
                "",
                "OK: " + file + " is valid",
                ""));
  }

  @Test
  void theFilesTaskSectionIsUsedAndFlagsOverrideIt() throws IOException {
    Path sample = Path.of("..", "docs", "examples", "tether.yaml");

    assertThat(run("check", sample.toString())).isEqualTo(0);
    assertThat(out())
        .contains("task: id t-123, user alice, repo acme/widgets (from the file)\n")
        .contains("  aws resources for task t-123:\n    arn:aws:s3:::sources/acme/widgets/*\n")
        .contains("  token: read at run time from /run/tether/token\n");

    out.reset();
    assertThat(run(sample.toString(), "--repo", "acme/other")).isEqualTo(0);
    assertThat(out())
        .contains("task: id t-123, user alice, repo acme/other (from the flags and the file)\n")
        .contains("    arn:aws:s3:::sources/acme/other/*\n");
  }

  @Test
  void withoutATaskIdentityPlaceholdersStayUnresolved() throws IOException {
    Path file = write("tether.yaml", SMALL);

    assertThat(run(file.toString(), "--task-id", "t-1")).isEqualTo(0);

    assertThat(out())
        .contains("task: incomplete; give --user-id, --repo to see resolved resources\n")
        .contains(
            "  aws resources as written:\n"
                + "    arn:aws:s3:::sources/${repo}/*\n"
                + "  session policy: shown when a task identity is given\n")
        .contains("  session policy (" + PLAIN_POLICY.length() + " of 2048 characters):\n")
        .doesNotContain("aws resources for task");
  }

  @Test
  void badFilePrintsEveryProblemAndExitsOne() throws IOException {
    Path file =
        write(
            "bad.yaml",
            "tools:\n"
                + "  - name: a\n"
                + "    aws:\n"
                + "      action: [s3:GetObject]\n"
                + "  - name: a\n"
                + "telemetry:\n"
                + "  exporter: zipkin\n");

    assertThat(run("check", file.toString())).isEqualTo(1);

    assertThat(out()).isEmpty();
    assertThat(errLines())
        .containsExactly(
            file
                + ":3:5: 'tools[0].aws' has no actions and no resources — add 'actions: [...]'"
                + " and 'resources: [...]', or remove 'aws' to deny AWS to this tool",
            file + ":4:7: unknown key 'action' in tools[0].aws — write 'actions' instead",
            file + ":5:11: duplicate tool name 'a' (first at line 2) — give each tool its own name",
            file + ":7:13: unknown telemetry exporter 'zipkin' — write otlp, console or none",
            "tether check: 4 problems");
  }

  @Test
  void missingFileIsAProblemNotAUsageError() {
    Path missing = dir.resolve("nope.yaml");

    assertThat(run(missing.toString())).isEqualTo(1);

    assertThat(errLines())
        .containsExactly(
            missing + ": configuration file not found — fix the path", "tether check: 1 problem");
  }

  @Test
  void sessionPolicyOverTheStsLimitIsAProblemAtTheToolsLine() throws IOException {
    StringBuilder yaml = new StringBuilder("tools:\n  - name: ok\n  - name: big\n    aws:\n");
    yaml.append("      actions: [s3:GetObject]\n      resources:\n");
    for (int i = 0; i < 40; i++) {
      yaml.append("        - arn:aws:s3:::a-rather-long-bucket-name/reports/")
          .append(i)
          .append("/*\n");
    }
    Path file = write("big.yaml", yaml.toString());

    assertThat(run(file.toString())).isEqualTo(1);

    assertThat(out()).isEmpty();
    List<String> lines = errLines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith(file + ":3: tool 'big': session policy is ")
        .contains("over the STS limit of 2048");
    assertThat(lines.get(1)).isEqualTo("tether check: 1 problem");
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path file = write("tether.yaml", SMALL);

    assertThat(run()).isEqualTo(2);
    assertThat(err())
        .startsWith("tether check: no FILE given\nusage: java -jar tether-agent.jar check FILE");

    err.reset();
    assertThat(run("check", file.toString(), "--task", "x")).isEqualTo(2);
    assertThat(err()).startsWith("tether check: unknown option '--task'\nusage:");

    err.reset();
    assertThat(run(file.toString(), "--repo")).isEqualTo(2);
    assertThat(err()).startsWith("tether check: --repo needs a value\n");

    err.reset();
    assertThat(run(file.toString(), "other.yaml")).isEqualTo(2);
    assertThat(err()).startsWith("tether check: more than one FILE");

    err.reset();
    assertThat(run(file.toString(), "--task-id", "t 1", "--user-id", "u", "--repo", "r"))
        .isEqualTo(2);
    assertThat(err())
        .startsWith("tether check: invalid task identity: TaskIdentity.taskId contains a space");
    assertThat(out()).isEmpty();

    assertThat(run("--help")).isEqualTo(0);
    assertThat(out()).startsWith("usage: java -jar tether-agent.jar check FILE");
  }

  private int run(String... args) {
    return CheckCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private List<String> errLines() {
    return new ArrayList<>(err().lines().toList());
  }

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }
}
