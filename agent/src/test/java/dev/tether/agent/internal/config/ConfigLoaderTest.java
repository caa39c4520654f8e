package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.config.OutsideToolsRule.Mode;
import dev.tether.core.scope.AwsScope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static final String FULL =
      String.join(
          "\n",
          "vault:",
          "  url: http://127.0.0.1:8787",
          "  token-file: /run/tether/token",
          "  timeout: 500ms",
          "task:",
          "  id: t-123",
          "  user: alice",
          "  repo: acme/widgets",
          "attestation:",
          "  provider: local",
          "tools:",
          "  - name: fetch_sources",
          "    boundary: annotation",
          "    aws:",
          "      actions: [s3:GetObject, s3:ListBucket]",
          "      resources: [\"arn:aws:s3:::sources/${repo}/*\", \"arn:aws:s3:::sources\"]",
          "    egress: [api.github.com, \"*.Example.com\"]",
          "  - name: save_report",
          "    boundary: com.acme.Tools$Reports#save",
          "  - name: everything_in_class",
          "    boundary: com.acme.Other#*",
          "apis:",
          "  - host: API.github.com",
          "    token: github",
          "  - host: keys.example.com",
          "    token: single-use",
          "    header: X-Api-Key",
          "    scheme: \"\"",
          "    removes: [Private-Token, x-api-key]",
          "turns:",
          "  boundaries: [com.acme.AgentLoop#runTurn]",
          "  tools: [fetch_sources]",
          "outside-tools:",
          "  aws: ambient",
          "  ambient-services: [logs, cloudwatch]",
          "telemetry:",
          "  exporter: console",
          "");

  @Test
  void fullFileGivesTheExpectedModel() throws ConfigException {
    TetherConfig config = ConfigLoader.parse(FULL, "tether.yaml");

    TetherConfig expected =
        new TetherConfig(
            new VaultConfig("http://127.0.0.1:8787", "/run/tether/token", Duration.ofMillis(500)),
            new TaskDefaults("t-123", "alice", "acme/widgets"),
            AttestationConfig.defaults(),
            List.of(
                new ToolConfig(
                    "fetch_sources",
                    null,
                    new AwsScope(
                        List.of("s3:GetObject", "s3:ListBucket"),
                        List.of("arn:aws:s3:::sources/${repo}/*", "arn:aws:s3:::sources")),
                    List.of("api.github.com", "*.example.com"),
                    12),
                new ToolConfig(
                    "save_report",
                    new BoundarySpec("com.acme.Tools$Reports", "save"),
                    AwsScope.none(),
                    List.of(),
                    18),
                new ToolConfig(
                    "everything_in_class",
                    new BoundarySpec("com.acme.Other", "*"),
                    AwsScope.none(),
                    List.of(),
                    20)),
            List.of(
                new ApiConfig("api.github.com", "github", null, null, 23),
                new ApiConfig("keys.example.com", "single-use", "X-Api-Key", "",
                    List.of("Private-Token", "x-api-key"), 25)),
            List.of(new BoundarySpec("com.acme.AgentLoop", "runTurn")),
            new TurnRule(List.of("fetch_sources"), null),
            new OutsideToolsRule(Mode.AMBIENT, List.of("logs", "cloudwatch")),
            List.of(),
            "console",
            "tether.yaml");
    assertThat(config).isEqualTo(expected);
    assertThat(config.tool("save_report")).map(ToolConfig::line).contains(18);
    assertThat(config.tool("nope")).isEmpty();
    assertThat(config.outsideTools().allowsAmbient("logs")).isTrue();
    assertThat(config.outsideTools().allowsAmbient("s3")).isFalse();
  }

  @Test
  void emptyAndMinimalFilesGiveTheDefaults() throws ConfigException {
    TetherConfig empty = ConfigLoader.parse("# nothing yet\n", "empty.yaml");
    assertThat(empty).isEqualTo(defaultsFrom("empty.yaml"));
    assertThat(empty.vault().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(empty.outsideTools().aws()).isEqualTo(Mode.DENY);
    assertThat(empty.attestation()).isEqualTo(AttestationConfig.defaults());
    assertThat(empty.attestation().provider()).isEqualTo("local");
    assertThat(empty.attestation().refresh()).isEqualTo(Duration.ofMinutes(5));
    assertThat(empty.telemetryExporter()).isEqualTo("otlp");
    assertThat(empty.tools()).isEmpty();

    assertThat(ConfigLoader.parse("vault:\ntools:\n", "sections.yaml"))
        .isEqualTo(defaultsFrom("sections.yaml"));
  }

  @Test
  void reportsEveryProblemWithItsLineColumnAndHint() {
    String yaml =
        String.join(
            "\n",
            "vault:", // 1
            "  url: 127.0.0.1:8787", // 2
            "  timeout: 5", // 3
            "attestation:", // 4
            "  provider: nitro", // 5
            "tools:", // 6
            "  - name: fetch_sources", // 7
            "    boundary: com.acme.Tools.fetch", // 8
            "    aws:", // 9
            "      action: [s3:GetObject]", // 10
            "      resources: [\"arn:aws:s3:::b/${task_id}/*\"]", // 11
            "    egress: [https://api.github.com/repos]", // 12
            "  - name: lookup", // 13
            "    aws:", // 14
            "      actions: [\"*\", s3.GetObject]", // 15
            "      resources: [bucket]", // 16
            "telemetry:", // 17
            "  exporter: jaeger", // 18
            "");

    assertThat(problemLines(yaml))
        .containsExactly(
            "t.yaml:2:8: vault.url '127.0.0.1:8787' has no http:// or https:// prefix"
                + " — write 'http://127.0.0.1:8787' (or https://)",
            "t.yaml:3:12: vault.timeout '5' has no unit — write '5s' or '5ms'",
            "t.yaml:5:13: attestation provider 'nitro' needs the command that prints the"
                + " attestation document — add under 'attestation:' a block 'nitro:' with e.g."
                + " 'command: [/usr/local/bin/nsm-attest, --nonce, \"${nonce}\", --user-data,"
                + " \"${user_data}\"]'",
            "t.yaml:8:15: boundary 'com.acme.Tools.fetch' is not of the form class#method (one '#')"
                + " — write 'annotation', or class#method such as 'com.acme.Tools#fetch'"
                + " ('$' for nested classes, method '*' for all declared methods)",
            "t.yaml:9:5: 'tools[0].aws' has resources but no actions"
                + " — add e.g. 'actions: [s3:GetObject]'",
            "t.yaml:10:7: unknown key 'action' in tools[0].aws — write 'actions' instead",
            "t.yaml:11:19: unknown placeholder ${task_id} in resource 'arn:aws:s3:::b/${task_id}/*'"
                + " — write '${task.id}' instead",
            "t.yaml:12:14: egress entry 'https://api.github.com/repos' is a URL, not a host name"
                + " — write 'api.github.com' instead",
            "t.yaml:15:17: AWS action '*' is too broad: list the service actions the tool needs,"
                + " e.g. s3:GetObject, s3:Get* or dynamodb:Query",
            "t.yaml:15:22: AWS action 's3.GetObject' is not of the form service:Action; use e.g."
                + " s3:GetObject, s3:Get* or dynamodb:* (wildcards only after the colon)"
                + " — write 's3:GetObject' instead",
            "t.yaml:16:19: AWS resource 'bucket' must be '*' or an ARN starting with 'arn:',"
                + " e.g. arn:aws:s3:::bucket/${task.id}/*",
            "t.yaml:18:13: unknown telemetry exporter 'jaeger' — write otlp, console or none");
  }

  @Test
  void unknownKeysSuggestTheClosestKnownKey() {
    String yaml =
        String.join(
            "\n",
            "vault:",
            "  tokenFile: /run/token",
            "  timeuot: 5s",
            "tool:",
            "  - name: x",
            "outside_tools:",
            "  aws: deny",
            "telemetry:",
            "  colour: blue",
            "url: http://vault",
            "");

    assertThat(problemLines(yaml))
        .containsExactly(
            "t.yaml:2:3: unknown key 'tokenFile' in vault — write 'token-file' instead",
            "t.yaml:3:3: unknown key 'timeuot' in vault — write 'timeout' instead",
            "t.yaml:4:1: unknown key 'tool' in the top level — write 'tools' instead",
            "t.yaml:6:1: unknown key 'outside_tools' in the top level"
                + " — write 'outside-tools' instead",
            "t.yaml:9:3: unknown key 'colour' in telemetry — known keys here: exporter",
            "t.yaml:10:1: unknown key 'url' in the top level — put it under 'vault:'");
  }

  @Test
  void duplicateToolNamesAndKeysAreRejected() {
    String yaml =
        String.join(
            "\n",
            "tools:",
            "  - name: fetch",
            "  - name: fetch",
            "    egress: [a.example.com]",
            "    egress: [b.example.com]",
            "  - egress: [c.example.com]",
            "  - name: fetch one",
            "");

    assertThat(problemLines(yaml))
        .containsExactly(
            "t.yaml:3:11: duplicate tool name 'fetch' (first at line 2)"
                + " — give each tool its own name",
            "t.yaml:5:5: duplicate key 'egress' in tools[1] (first at line 4)"
                + " — keep one 'egress' entry",
            "t.yaml:6:5: tools[2] has no name — add 'name: <tool name>' (the @Tool name,"
                + " or your own name when you give a boundary)",
            "t.yaml:7:11: invalid tool name 'fetch one' — write 'fetch_one' instead"
                + " (1 to 64 letters, digits, '_', '.' or '-')");
  }

  @Test
  void overlappingToolBoundariesAreRejected() {
    String yaml =
        "tools:\n"
            + "  - name: a\n"
            + "    boundary: com.acme.Tools#fetch\n"
            + "  - name: b\n"
            + "    boundary: com.acme.Tools#*\n";

    assertThat(problemLines(yaml))
        .containsExactly(
            "t.yaml:5:15: boundary 'com.acme.Tools#*' overlaps tool 'a' (line 2, boundary"
                + " 'com.acme.Tools#fetch') — give each tool its own method, so every call has"
                + " exactly one scope");
  }

  @Test
  void ambientNeedsServicesAndDenyTakesNone() {
    assertThat(problemLines("outside-tools:\n  aws: ambient\n"))
        .containsExactly(
            "t.yaml:2:8: 'outside-tools.aws: ambient' needs the services it applies to"
                + " — add 'ambient-services: [logs]' naming the IAM service prefixes code outside"
                + " tools may call with the ambient credentials");

    assertThat(problemLines("outside-tools:\n  ambient-services: [logs]\n"))
        .containsExactly(
            "t.yaml:2:3: 'ambient-services' is only used with 'aws: ambient'"
                + " — remove 'ambient-services', or write 'aws: ambient'");

    assertThat(
            problemLines(
                "outside-tools:\n  aws: ambiant\n  ambient-services: [\"*\", \"S3:GetObject\"]\n"))
        .containsExactly(
            "t.yaml:2:8: unknown value 'ambiant' for outside-tools.aws — write 'ambient' instead",
            "t.yaml:3:22: ambient service '*' would allow every service"
                + " — name the IAM service prefixes, e.g. logs, cloudwatch",
            "t.yaml:3:27: ambient service 'S3:GetObject' is not an IAM service prefix"
                + " — write 's3' instead");
  }

  @Test
  void awsNeedsBothActionsAndResources() {
    String yaml =
        String.join(
            "\n",
            "tools:",
            "  - name: a",
            "    aws:",
            "      actions: [s3:GetObject]",
            "  - name: b",
            "    aws:",
            "  - name: c",
            "    aws:",
            "      actions: s3:GetObject",
            "      resources: [\"*\"]",
            "");

    assertThat(problemLines(yaml))
        .containsExactly(
            "t.yaml:3:5: 'tools[0].aws' has actions but no resources"
                + " — add e.g. 'resources: [\"arn:aws:s3:::bucket/${repo}/*\"]'"
                + " ('*' for any resource)",
            "t.yaml:6:5: 'tools[1].aws' has no actions and no resources"
                + " — add 'actions: [...]' and 'resources: [...]', or remove 'aws' to deny AWS"
                + " to this tool",
            "t.yaml:9:16: 'tools[2].aws.actions' must be a list, not the value 's3:GetObject'"
                + " — write 'actions: [s3:GetObject]'");
  }

  @Test
  void wrongShapesAreNamed() {
    String yaml =
        String.join(
            "\n",
            "vault: [http://x]",
            "task:",
            "  id: [a]",
            "  user:",
            "tools: {name: x}",
            "turns:",
            "  boundaries: [[a.B#c]]",
            "");

    assertThat(problemLines(yaml))
        .containsExactly(
            "t.yaml:1:8: 'vault' must be a mapping of keys, not a list"
                + " — indent its keys below it, e.g. 'url: http://127.0.0.1:8787'",
            "t.yaml:3:7: 'task.id' must be a single value, not a list"
                + " — write e.g. 'id: t-123'",
            "t.yaml:4:8: 'task.user' has no value"
                + " — write e.g. 'user: alice', or remove the key",
            "t.yaml:5:8: 'tools' must be a list, not a mapping"
                + " — write each tool as '- name: fetch_sources'",
            "t.yaml:7:16: 'turns.boundaries[0]' must be a single value, not a list"
                + " — write e.g. '- com.acme.AgentLoop#runTurn'");

    assertThat(problemLines("- tools\n"))
        .containsExactly(
            "t.yaml:1:1: the file must be a mapping of top-level keys, not a list"
                + " — start with a key such as 'tools:'");
  }

  @Test
  void valueRulesForVaultTaskAndEgress() {
    String yaml =
        String.join(
            "\n",
            "vault:",
            "  url: https://admin:hunter2@vault.example.com",
            "  timeout: 90s",
            "task:",
            "  repo: acme/widgets*",
            "tools:",
            "  - name: t",
            "    egress: [\"api.github.com:443\", \"*.com\", bad_host.example.com]",
            "attestation:",
            "  provider: tpm",
            "");

    List<String> lines = problemLines(yaml);
    assertThat(lines)
        .containsExactly(
            "t.yaml:2:8: vault.url must not contain a user name or password"
                + " — remove them from the URL; give the token with 'token-file' or"
                + " TETHER_VAULT_TOKEN",
            "t.yaml:3:12: vault.timeout 90s is outside the allowed range"
                + " — write a value from 100ms to 60s",
            "t.yaml:5:9: invalid task.repo: TaskIdentity.repo contains '*' at index 12; allowed"
                + " are letters, digits and . _ : / @ + = , - (a value must never act as a"
                + " wildcard or placeholder) — write 'acme/widgets-' instead",
            "t.yaml:8:14: egress entry 'api.github.com:443' has a port; egress is decided per host"
                + " — write 'api.github.com' instead",
            "t.yaml:8:36: egress entry '*.com' is too broad — name a domain, e.g. '*.example.com'",
            "t.yaml:8:45: egress entry 'bad_host.example.com' is not a valid host name"
                + " — write a host name such as 'api.github.com' or '*.example.com'",
            "t.yaml:10:13: unknown attestation provider 'tpm'"
                + " — write one of local, nitro, ec2-iid, agentcore, network");
    assertThat(String.join("\n", lines)).doesNotContain("hunter2");
  }

  @Test
  void yamlSyntaxErrorsAreLocated() {
    assertThat(problemLines("tools:\n  - name: a\n    boundary: a: b\n"))
        .containsExactly(
            "t.yaml:3:16: YAML syntax error: a second ': ' on the line of 'boundary'"
                + " — quote the value if it contains ': ', or fix the indentation of this line");
    assertThat(problemLines("vault:\n\turl: x\n"))
        .containsExactly(
            "t.yaml:2:1: YAML syntax error: a tab in the indentation"
                + " — indent with spaces, not tabs");
    assertThat(problemLines("vault: {}\n---\ntools: []\n"))
        .containsExactly(
            "t.yaml:2:1: YAML syntax error: a second YAML document starts here"
                + " — keep one YAML document: remove the '---' line and what follows, or merge"
                + " them");
  }

  @Test
  void environmentHidesNamedVariablesAndRefusesWhatCannotBeOne() throws ConfigException {
    assertThat(ConfigLoader.parse("environment:\n  hide: [GITHUB_TOKEN, GH_TOKEN, GITHUB_TOKEN]\n",
            "t.yaml").hiddenEnvironment())
        .containsExactly("GITHUB_TOKEN", "GH_TOKEN");
    assertThat(ConfigLoader.parse("tools: []\n", "t.yaml").hiddenEnvironment()).isEmpty();
    assertThat(problemLines("environment:\n  hide: [GITHUB-TOKEN, ok_1]\n"))
        .singleElement().asString()
        .startsWith("t.yaml:2:10: environment variable name 'GITHUB-TOKEN' is not one a process can have")
        .contains("GITHUB_TOKEN");
    assertThat(problemLines("environment:\n  hidden: [A]\n")).singleElement().asString()
        .contains("unknown key 'hidden'");
    assertThat(problemLines("environment:\n  hide: GITHUB_TOKEN\n")).singleElement().asString()
        .contains("write 'hide: [GITHUB_TOKEN]'");
  }

  @Test
  void exceptionMessageListsEveryProblemOnItsOwnLine() {
    assertThatThrownBy(() -> ConfigLoader.parse("tool: 1\ntelemetry:\n  exporter: x\n", "a.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "a.yaml:1:1: unknown key 'tool' in the top level — write 'tools' instead\n"
                + "a.yaml:3:13: unknown telemetry exporter 'x' — write otlp, console or none");
  }

  static List<String> problemLines(String yaml) {
    try {
      ConfigLoader.parse(yaml, "t.yaml");
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void anApiGoesWithoutAuthorizationAndWhatItRemovesButNeverWithoutItsOwnHeader() {
    ApiConfig keys = new ApiConfig("keys.example.com", "single-use", "X-Api-Key", "",
        List.of("Private-Token", "x-api-key", "private-token", "AUTHORIZATION"), 1);
    ApiConfig bearer = new ApiConfig("api.example.com", "time-boxed", null, null, 1);

    assertThat(keys.removedHeaders()).containsExactly("Authorization", "Private-Token");
    assertThat(bearer.removedHeaders()).isEmpty();
  }

  @Test
  void aRemovedHeaderThatIsNoHeaderNameIsNamed() {
    String yaml = String.join("\n",
        "apis:",
        "  - host: keys.example.com",
        "    token: single-use",
        "    removes: [\"X Api Key\"]",
        "");
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "tether.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tether.yaml:4")
        .hasMessageContaining("header 'X Api Key' under removes is not an HTTP header name")
        .hasMessageContaining("write e.g. 'removes: [X-Api-Key, Private-Token]'");
  }

  @Test
  void badApiEntriesAreNamedWithWhatToWrite() {
    String yaml = String.join("\n",
        "apis:",
        "  - host: https://api.github.com/repos",
        "    token: forever",
        "  - host: keys.example.com",
        "    token: single-use",
        "    header: \"X Api Key\"",
        "  - host: keys.example.com",
        "    token: time-boxed",
        "  - token: github",
        "");
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "tether.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tether.yaml:2")
        .hasMessageContaining("API host 'https://api.github.com/repos' is a URL")
        .hasMessageContaining("write 'api.github.com' instead")
        .hasMessageContaining("token mode 'forever' is not one Tether knows")
        .hasMessageContaining("tether.yaml:6")
        .hasMessageContaining("is not an HTTP header name")
        .hasMessageContaining("is listed already at line 4")
        .hasMessageContaining("has no host");
  }

  private static TetherConfig defaultsFrom(String source) {
    TetherConfig defaults = TetherConfig.defaults();
    return new TetherConfig(
        defaults.vault(),
        defaults.task(),
        defaults.attestation(),
        defaults.tools(),
        defaults.apis(),
        defaults.turnBoundaries(),
        defaults.turnRule(),
        defaults.outsideTools(),
        defaults.hiddenEnvironment(),
        defaults.telemetryExporter(),
        source);
  }
}
