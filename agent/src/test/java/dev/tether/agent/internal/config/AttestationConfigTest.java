package dev.tether.agent.internal.config;

import static dev.tether.agent.internal.config.ConfigLoaderTest.problemLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.agent.internal.config.AttestationConfig.AgentCore;
import dev.tether.agent.internal.config.AttestationConfig.Ec2Iid;
import dev.tether.agent.internal.config.AttestationConfig.Local;
import dev.tether.agent.internal.config.AttestationConfig.Nitro;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestationConfigTest {

  @Test
  void eachProviderReadsItsBlock() throws ConfigException {
    assertThat(
            attestation(
                "attestation:",
                "  provider: local",
                "  refresh: 90s",
                "  local:",
                "    attestor: http://127.0.0.1:9750"))
        .isEqualTo(
            new AttestationConfig(
                "local",
                Duration.ofSeconds(90),
                new Local("http://127.0.0.1:9750"),
                null,
                null,
                null));

    AttestationConfig nitro =
        attestation(
            "attestation:",
            "  provider: nitro",
            "  nitro:",
            "    command:",
            "      - /usr/local/bin/nsm-attest",
            "      - --nonce=${nonce}",
            "      - --user-data",
            "      - ${user_data}");
    assertThat(nitro.nitro().command())
        .containsExactly(
            "/usr/local/bin/nsm-attest", "--nonce=${nonce}", "--user-data", "${user_data}");
    assertThat(nitro.refresh()).isEqualTo(Duration.ofMinutes(5));

    assertThat(
            attestation(
                "attestation:",
                "  provider: ec2-iid",
                "  refresh: 2m",
                "  ec2-iid: {imds: \"http://[fd00:ec2::254]\", signature: pkcs7}"))
        .isEqualTo(
            new AttestationConfig(
                "ec2-iid",
                Duration.ofMinutes(2),
                null,
                null,
                new Ec2Iid("http://[fd00:ec2::254]", "pkcs7"),
                null));

    assertThat(
            attestation(
                "attestation:",
                "  provider: agentcore",
                "  agentcore:",
                "    token-env: MY_TOKEN",
                "    token-file: /run/agentcore/token"))
        .isEqualTo(
            new AttestationConfig(
                "agentcore",
                null,
                null,
                null,
                null,
                new AgentCore("MY_TOKEN", "/run/agentcore/token")));

    assertThat(attestation("attestation:", "  provider: network"))
        .isEqualTo(AttestationConfig.of("network"));
  }

  @Test
  void providersWithoutABlockGetTheDefaults() throws ConfigException {
    AttestationConfig ec2 = attestation("attestation:", "  provider: ec2-iid");
    assertThat(ec2.ec2Iid()).isEqualTo(new Ec2Iid("http://169.254.169.254", "rsa2048"));

    AttestationConfig agentCore = attestation("attestation:", "  provider: agentcore");
    assertThat(agentCore.agentCore())
        .isEqualTo(new AgentCore("AGENTCORE_WORKLOAD_ACCESS_TOKEN", null));

    AttestationConfig local = attestation("attestation:", "  refresh: 10m");
    assertThat(local.provider()).isEqualTo("local");
    assertThat(local.local().attestor()).isNull();
    assertThat(local.refresh()).isEqualTo(Duration.ofMinutes(10));

    assertThat(attestation("attestation:")).isEqualTo(AttestationConfig.defaults());
  }

  @Test
  void aBlockForAnotherProviderIsRejected() {
    assertThat(
            problemLines(
                lines(
                    "attestation:", // 1
                    "  provider: local", // 2
                    "  nitro:", // 3
                    "    command: [x]", // 4
                    "  ec2-iid:", // 5
                    "    signature: rsa2048"))) // 6
        .containsExactly(
            "t.yaml:3:3: 'nitro:' settings given but provider is 'local'"
                + " — remove 'nitro:', or write 'provider: nitro'",
            "t.yaml:5:3: 'ec2-iid:' settings given but provider is 'local'"
                + " — remove 'ec2-iid:', or write 'provider: ec2-iid'");

    assertThat(problemLines(lines("attestation:", "  agentcore:", "    token-env: X")))
        .containsExactly(
            "t.yaml:2:3: 'agentcore:' settings given but provider is 'local' (the default)"
                + " — add 'provider: agentcore' under 'attestation:', or remove 'agentcore:'");

    assertThat(problemLines(lines("attestation:", "  provider: network", "  local: {}")))
        .containsExactly(
            "t.yaml:3:3: 'local:' settings given but provider is 'network'"
                + " — remove 'local:', or write 'provider: local'");
  }

  @Test
  void unknownProvidersSuggestTheIntendedOne() {
    assertThat(problemLines(lines("attestation:", "  provider: ecs-network")))
        .containsExactly(
            "t.yaml:2:13: unknown attestation provider 'ecs-network' — write 'network' instead");
    assertThat(problemLines(lines("attestation:", "  provider: ec2iid")))
        .containsExactly(
            "t.yaml:2:13: unknown attestation provider 'ec2iid' — write 'ec2-iid' instead");
    assertThat(problemLines(lines("attestation:", "  provider: Nitro")))
        .containsExactly(
            "t.yaml:2:13: unknown attestation provider 'Nitro' — write 'nitro' instead");
    assertThat(problemLines(lines("attestation:", "  provider: [local]")))
        .containsExactly(
            "t.yaml:2:13: 'attestation.provider' must be a single value, not a list"
                + " — write e.g. 'provider: local'");
  }

  @Test
  void nitroNeedsACommandWithBothPlaceholders() {
    String hint =
        " — add under 'attestation:' a block 'nitro:' with e.g. 'command:"
            + " [/usr/local/bin/nsm-attest, --nonce, \"${nonce}\", --user-data, \"${user_data}\"]'";
    assertThat(problemLines(lines("attestation:", "  provider: nitro", "  nitro:")))
        .containsExactly(
            "t.yaml:3:3: attestation provider 'nitro' needs the command that prints the"
                + " attestation document"
                + hint);
    assertThat(
            problemLines(lines("attestation:", "  provider: nitro", "  nitro:", "    command: []")))
        .containsExactly(
            "t.yaml:4:14: attestation provider 'nitro' needs the command that prints the"
                + " attestation document"
                + hint);

    assertThat(
            problemLines(
                lines(
                    "attestation:",
                    "  provider: nitro",
                    "  nitro:",
                    "    command: [/bin/attest, \"--nonce=${nonce}\"]")))
        .containsExactly(
            "t.yaml:4:14: 'attestation.nitro.command' never passes ${user_data}"
                + " — add an argument with ${user_data}: it binds the document to the workload"
                + " key, and the Vault refuses a document for another key");

    assertThat(
            problemLines(
                lines(
                    "attestation:",
                    "  provider: nitro",
                    "  nitro:",
                    "    command: /bin/attest ${nonce} ${user_data}")))
        .containsExactly(
            "t.yaml:4:14: 'attestation.nitro.command' must be a list, not the value"
                + " '/bin/attest ${nonce} ${user_data}'"
                + " — write 'command: [/bin/attest ${nonce} ${user_data}]'");
  }

  @Test
  void nitroPlaceholdersAreChecked() {
    assertThat(
            problemLines(
                lines(
                    "attestation:", // 1
                    "  provider: nitro", // 2
                    "  nitro:", // 3
                    "    command:", // 4
                    "      - /bin/attest", // 5
                    "      - ${nonse}", // 6
                    "      - ${userdata}", // 7
                    "      - \"\"", // 8
                    "      - ${pcr0}", // 9
                    "      - --x=${nonce")))
        .containsExactly(
            "t.yaml:6:9: unknown placeholder ${nonse} in nitro command argument '${nonse}'"
                + " — write '${nonce}' instead",
            "t.yaml:7:9: unknown placeholder ${userdata} in nitro command argument '${userdata}'"
                + " — write '${user_data}' instead",
            "t.yaml:8:9: 'attestation.nitro.command[3]' is empty — remove it, or write the"
                + " argument",
            "t.yaml:9:9: unknown placeholder ${pcr0} in nitro command argument '${pcr0}'"
                + " — use ${nonce} and ${user_data} (each replaced by hex)",
            "t.yaml:10:9: unterminated placeholder '${nonce' in nitro command argument"
                + " '--x=${nonce' — close it with '}'; placeholders are ${nonce} and ${user_data}");
  }

  @Test
  void misspeltAndMisplacedKeysAreNamed() {
    assertThat(
            problemLines(
                lines(
                    "attestation:", // 1
                    "  provider: agentcore", // 2
                    "  refesh: 5m", // 3
                    "  token-file: /run/token", // 4
                    "  agentcore:", // 5
                    "    tokenEnv: X", // 6
                    "nitro:", // 7
                    "  command: [x]", // 8
                    "refresh: 5m"))) // 9
        .containsExactly(
            "t.yaml:3:3: unknown key 'refesh' in attestation — write 'refresh' instead",
            "t.yaml:4:3: unknown key 'token-file' in attestation"
                + " — put it in an 'agentcore:' block under 'attestation:'",
            "t.yaml:6:5: unknown key 'tokenEnv' in attestation.agentcore"
                + " — write 'token-env' instead",
            "t.yaml:7:1: unknown key 'nitro' in the top level — put it under 'attestation:'",
            "t.yaml:9:1: unknown key 'refresh' in the top level — put it under 'attestation:'");

    assertThat(
            problemLines(
                lines("attestation:", "  provider: ec2-iid", "  ec2-iid:", "    metadata: x")))
        .containsExactly(
            "t.yaml:4:5: unknown key 'metadata' in attestation.ec2-iid"
                + " — known keys here: imds, signature");
  }

  @Test
  void refreshIsADurationInRange() {
    assertThat(problemLines(lines("attestation:", "  refresh: 5")))
        .containsExactly("t.yaml:2:12: attestation.refresh '5' has no unit — write '5s' or '5m'");
    assertThat(problemLines(lines("attestation:", "  refresh: often")))
        .containsExactly(
            "t.yaml:2:12: attestation.refresh 'often' is not a duration"
                + " — write e.g. 30s, 5m or 10m");
    String range =
        " is outside the allowed range — write a value from 10s to 60m (the Vault refuses a"
            + " binding older than its --attestation-max-age, 10m by default)";
    assertThat(problemLines(lines("attestation:", "  refresh: 500ms")))
        .containsExactly("t.yaml:2:12: attestation.refresh 500ms" + range);
    assertThat(problemLines(lines("attestation:", "  refresh: 61m")))
        .containsExactly("t.yaml:2:12: attestation.refresh 61m" + range);
  }

  @Test
  void providerValuesAreChecked() {
    assertThat(
            problemLines(
                lines(
                    "attestation:",
                    "  provider: ec2-iid",
                    "  ec2-iid:",
                    "    imds: 169.254.169.254",
                    "    signature: rsa-2048")))
        .containsExactly(
            "t.yaml:4:11: attestation.ec2-iid.imds '169.254.169.254' has no http:// or https://"
                + " prefix — write 'http://169.254.169.254' (or https://)",
            "t.yaml:5:16: unknown attestation.ec2-iid.signature 'rsa-2048'"
                + " — write 'rsa2048' instead");
    assertThat(
            problemLines(
                lines("attestation:", "  provider: ec2-iid", "  ec2-iid: {signature: dsa}")))
        .containsExactly(
            "t.yaml:3:24: unknown attestation.ec2-iid.signature 'dsa'"
                + " — write 'rsa2048' (RSA-2048/SHA-256, the default) or 'pkcs7' (DSA/SHA-1)");

    assertThat(
            problemLines(
                lines(
                    "attestation:",
                    "  local:",
                    "    attestor: http://launcher:secret@127.0.0.1:9750")))
        .containsExactly(
            "t.yaml:3:15: attestation.local.attestor must not contain a user name or password"
                + " — remove them from the URL; the launcher hands the workload a ticket instead");

    assertThat(
            problemLines(
                lines(
                    "attestation:",
                    "  provider: agentcore",
                    "  agentcore:",
                    "    token-env: $AGENTCORE_TOKEN",
                    "    token-file: \"\"")))
        .containsExactly(
            "t.yaml:4:16: attestation.agentcore.token-env '$AGENTCORE_TOKEN' is not an environment"
                + " variable name — write 'AGENTCORE_TOKEN' instead (the variable's name, not its"
                + " value)",
            "t.yaml:5:17: 'attestation.agentcore.token-file' is empty"
                + " — write the file's path, or remove the key to read"
                + " AGENTCORE_WORKLOAD_ACCESS_TOKEN");
  }

  @Test
  void theRecordRefusesWhatTheParserRefuses() {
    assertThatThrownBy(() -> AttestationConfig.of("tpm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown attestation provider 'tpm'");
    assertThatThrownBy(() -> AttestationConfig.of("nitro"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the nitro provider needs a command");
    assertThatThrownBy(
            () -> new AttestationConfig("local", Duration.ofSeconds(1), null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Ec2Iid(null, "sha1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Nitro(null).command()).isEmpty();
  }

  @Test
  void checkPrintsTheChosenProvidersSettings() throws ConfigException {
    assertThat(
            report(
                "attestation:", "  provider: local", "  local: {attestor: \"http://127.0.0.1:9\"}"))
        .isEqualTo("attestation: local, re-attested every 5m\n  attestor: http://127.0.0.1:9\n");
    assertThat(
            report(
                "attestation:",
                "  provider: nitro",
                "  refresh: 90s",
                "  nitro: {command: [/bin/attest, \"${nonce}\", \"${user_data}\"]}"))
        .isEqualTo(
            "attestation: nitro, re-attested every 90s\n"
                + "  command: [/bin/attest, ${nonce}, ${user_data}]\n");
    assertThat(report("attestation:", "  provider: ec2-iid"))
        .isEqualTo(
            "attestation: ec2-iid, re-attested every 5m\n"
                + "  imds: http://169.254.169.254\n"
                + "  signature: rsa2048\n");
    assertThat(report("attestation:", "  provider: agentcore"))
        .isEqualTo(
            "attestation: agentcore, re-attested every 5m\n"
                + "  token: read at each attestation from the environment variable"
                + " AGENTCORE_WORKLOAD_ACCESS_TOKEN\n");
    assertThat(report("attestation:", "  provider: agentcore", "  agentcore: {token-file: /t}"))
        .isEqualTo(
            "attestation: agentcore, re-attested every 5m\n"
                + "  token: read at each attestation from the file /t\n");
    assertThat(report("attestation:", "  provider: network"))
        .isEqualTo(
            "attestation: network, re-attested every 5m\n"
                + "  evidence: none (the Vault must be told to accept 'network'; it then pins each"
                + " session to the network)\n");
  }

  private static AttestationConfig attestation(String... lines) throws ConfigException {
    return ConfigLoader.parse(lines(lines), "t.yaml").attestation();
  }

  /** The attestation lines of what {@code check} prints. */
  private static String report(String... lines) throws ConfigException {
    String text =
        ConfigReport.render(ConfigLoader.parse(lines(lines), "t.yaml"), null, "none").text();
    int start = text.indexOf("attestation: ");
    int end = text.indexOf("outside tools: ");
    return text.substring(start, end);
  }

  private static String lines(String... lines) {
    return String.join("\n", List.of(lines)) + "\n";
  }
}
