package dev.tether.agent.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.scope.TaskIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration files shipped in the repository read exactly as they did with SnakeYAML: the
 * expected texts were captured from the SnakeYAML-based loader before it was replaced, and changed
 * since only where the report itself changed (turn rules, tools inheriting the grant's scope).
 */
class ExampleFilesTest {

  private static final String DOCS_EXAMPLE =
      """
task defaults: TaskDefaults[id=t-123, user=alice, repo=acme/widgets]
source: t.yaml
vault:
  url: http://127.0.0.1:8787
  token: read at run time from /run/tether/token
  timeout: 5s
task: given
attestation: local, re-attested every 5m
  attestor: not set here (TETHER_LOCAL_ATTESTOR or -Dtether.local.attestor at run time; 'tether-agent.jar launch' sets it)
outside tools: AWS denied
hidden from tools and their processes: GITHUB_TOKEN, GH_TOKEN
telemetry: otlp
turn boundaries:
  com.acme.AgentLoop#runTurn
turn tokens hold: tools [fetch_sources, save_report], all of the task's repositories
tools: 3

tool fetch_sources (line 61)
  boundary: @Tool method named 'fetch_sources' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
    s3:ListBucket
  aws resources as written:
    arn:aws:s3:::sources/${repo}/*
    arn:aws:s3:::sources
  aws resources for task t-123:
    arn:aws:s3:::sources/acme/widgets/*
    arn:aws:s3:::sources
  session policy (197 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::sources/acme/widgets/*","arn:aws:s3:::sources"]}]}
  egress:
    api.github.com

tool save_report (line 78)
  boundary: com.acme.Tools#saveReport
  aws actions:
    s3:PutObject
  aws resources as written:
    arn:aws:s3:::reports/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::reports/t-123/*
  session policy (151 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::reports/t-123/*"]}]}
  egress: none

tool run_tests (line 87)
  boundary: @Tool method named 'run_tests' (LangChain4j or Spring AI)
  aws: as the task grant gives it (not narrowed here)
  egress: none

external APIs: 1
  api.github.com: a github token per tool call, in 'Authorization: Bearer <token>' (replaces the application's)
""";

  private static final String DEMO_APP =
      """
task defaults: TaskDefaults[id=null, user=null, repo=null]
source: t.yaml
vault:
  url: not set here (-Dtether.vault.url or TETHER_VAULT_URL at run time)
  token: not set here (-Dtether.vault.token or TETHER_VAULT_TOKEN at run time)
  timeout: 5s
task: given
attestation: local, re-attested every 5m
  attestor: not set here (TETHER_LOCAL_ATTESTOR or -Dtether.local.attestor at run time; 'tether-agent.jar launch' sets it)
outside tools: AWS denied
telemetry: console
turn boundaries: none
turn tokens hold: all of the task's tools, all of the task's repositories
tools: 5

tool fetchSources (line 14)
  boundary: @Tool method named 'fetchSources' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
    s3:ListBucket
  aws resources as written:
    arn:aws:s3:::tether-sources/${repo}/*
    arn:aws:s3:::tether-sources
  aws resources for task t-123:
    arn:aws:s3:::tether-sources/acme/widgets/*
    arn:aws:s3:::tether-sources
  session policy (211 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::tether-sources/acme/widgets/*","arn:aws:s3:::tether-sources"]}]}
  egress: none

tool readBuildLog (line 21)
  boundary: @Tool method named 'readBuildLog' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
  aws resources as written:
    arn:aws:s3:::tether-build-logs/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::tether-build-logs/t-123/*
  session policy (161 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::tether-build-logs/t-123/*"]}]}
  egress: none

tool writePatch (line 26)
  boundary: @Tool method named 'writePatch' (LangChain4j or Spring AI)
  aws actions:
    s3:PutObject
  aws resources as written:
    arn:aws:s3:::tether-patches/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::tether-patches/t-123/*
  session policy (158 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::tether-patches/t-123/*"]}]}
  egress: none

tool publishReport (line 31)
  boundary: @Tool method named 'publishReport' (LangChain4j or Spring AI)
  aws actions:
    s3:PutObject
  aws resources as written:
    arn:aws:s3:::tether-reports/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::tether-reports/t-123/*
  session policy (158 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::tether-reports/t-123/*"]}]}
  egress: none

tool openPullRequest (line 37)
  boundary: @Tool method named 'openPullRequest' (LangChain4j or Spring AI)
  aws: as the task grant gives it (not narrowed here)
  egress:
    127.0.0.1

external APIs: 1
  127.0.0.1: a single-use token per request, in 'Authorization: Bearer <token>' (replaces the application's)
""";

  private static final String BENCHMARKS =
      """
task defaults: TaskDefaults[id=null, user=null, repo=null]
source: t.yaml
vault:
  url: not set here (-Dtether.vault.url or TETHER_VAULT_URL at run time)
  token: not set here (-Dtether.vault.token or TETHER_VAULT_TOKEN at run time)
  timeout: 5s
task: given
attestation: local, re-attested every 5m
  attestor: not set here (TETHER_LOCAL_ATTESTOR or -Dtether.local.attestor at run time; 'tether-agent.jar launch' sets it)
outside tools: AWS denied
telemetry: none
turn boundaries: none
turn tokens hold: all of the task's tools, all of the task's repositories
tools: 1

tool benchRead (line 12)
  boundary: @Tool method named 'benchRead' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
  aws resources as written:
    arn:aws:s3:::bench-data/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::bench-data/t-123/*
  session policy (154 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::bench-data/t-123/*"]}]}
  egress: none
""";

  private static final String AGENT_IT =
      """
task defaults: TaskDefaults[id=null, user=null, repo=null]
source: t.yaml
vault:
  url: not set here (-Dtether.vault.url or TETHER_VAULT_URL at run time)
  token: not set here (-Dtether.vault.token or TETHER_VAULT_TOKEN at run time)
  timeout: 3s
task: given
attestation: local, re-attested every 5m
  attestor: not set here (TETHER_LOCAL_ATTESTOR or -Dtether.local.attestor at run time; 'tether-agent.jar launch' sets it)
outside tools: AWS denied
telemetry: none
turn boundaries: none
turn tokens hold: all of the task's tools, all of the task's repositories
tools: 6

tool readOwn (line 6)
  boundary: @Tool method named 'readOwn' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
  aws resources as written:
    arn:aws:s3:::it-data/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::it-data/t-123/*
  session policy (151 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::it-data/t-123/*"]}]}
  egress: none

tool readWithStaticKey (line 10)
  boundary: @Tool method named 'readWithStaticKey' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
  aws resources as written:
    arn:aws:s3:::it-data/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::it-data/t-123/*
  session policy (151 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::it-data/t-123/*"]}]}
  egress: none

tool readOwnAsync (line 14)
  boundary: @Tool method named 'readOwnAsync' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
  aws resources as written:
    arn:aws:s3:::it-data/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::it-data/t-123/*
  session policy (151 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::it-data/t-123/*"]}]}
  egress: none

tool readViaExecutors (line 18)
  boundary: @Tool method named 'readViaExecutors' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
  aws resources as written:
    arn:aws:s3:::it-data/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::it-data/t-123/*
  session policy (151 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::it-data/t-123/*"]}]}
  egress: none

tool credentialsInsideTool (line 22)
  boundary: @Tool method named 'credentialsInsideTool' (LangChain4j or Spring AI)
  aws actions:
    s3:GetObject
  aws resources as written:
    arn:aws:s3:::it-data/${task.id}/*
  aws resources for task t-123:
    arn:aws:s3:::it-data/t-123/*
  session policy (151 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::it-data/t-123/*"]}]}
  egress: none

tool writeReport (line 26)
  boundary: dev.tether.it.apps.S3ToolApp$ConfiguredTools#writeReport
  aws actions:
    s3:PutObject
  aws resources as written:
    arn:aws:s3:::it-data/${task.id}/out/*
  aws resources for task t-123:
    arn:aws:s3:::it-data/t-123/out/*
  session policy (155 of 2048 characters):
    {"Version":"2012-10-17","Statement":[{"Sid":"TetherToolScope","Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::it-data/t-123/out/*"]}]}
  egress: none
""";

  @Test
  void theDocsExampleReadsAsBefore() throws Exception {
    assertThat(describe(Path.of("..", "docs", "examples", "tether.yaml"))).isEqualTo(DOCS_EXAMPLE);
  }

  @Test
  void theDemoAppConfigurationReadsAsBefore() throws Exception {
    assertThat(describe(Path.of("..", "demo-app", "src", "main", "resources", "tether.yaml")))
        .isEqualTo(DEMO_APP);
  }

  @Test
  void theBenchmarkConfigurationReadsAsBefore() throws Exception {
    assertThat(describe(Path.of("..", "benchmarks", "src", "main", "resources", "tether.yaml")))
        .isEqualTo(BENCHMARKS);
  }

  @Test
  void theIntegrationTestConfigurationReadsAsBefore() throws Exception {
    assertThat(describe(Path.of("..", "agent-it", "src", "test", "resources", "it-tether.yaml")))
        .isEqualTo(AGENT_IT);
  }

  /** Everything the file sets: the task defaults, and what check prints for a fixed task. */
  private static String describe(Path file) throws IOException, ConfigException {
    TetherConfig config = ConfigLoader.parse(Files.readString(file), "t.yaml");
    ConfigReport.Result report =
        ConfigReport.render(config, new TaskIdentity("t-123", "alice", "acme/widgets"), "given");
    assertThat(report.problems()).isEmpty();
    return "task defaults: " + config.task() + "\n" + report.text();
  }
}
