package dev.tether.agent.internal.attest;

import static dev.tether.agent.internal.attest.LocalAttestorClientTest.nonce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Runs real commands: small shell scripts standing in for a program that asks the NSM. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class NitroCommandAttestorTest {

  @TempDir Path dir;

  private final WorkloadKey key = WorkloadKey.generate();

  @Test
  void placeholdersBecomeHexAndARawDocumentIsSentAsBase64() throws Exception {
    Path document = vector();
    Path args = dir.resolve("args");
    Path script =
        script("attest.sh", "printf '%s\\n' \"$@\" > '" + args + "'", "cat '" + document + "'");
    String nonce = nonce();

    Evidence evidence =
        new NitroCommandAttestor(
                List.of(script.toString(), "--nonce", "${nonce}", "--user-data=${user_data}", "x"))
            .evidence(nonce, key);

    assertThat(evidence.kind()).isEqualTo("nitro");
    assertThat(evidence.nonce()).isEqualTo(nonce);
    assertThat(Base64.getDecoder().decode(evidence.document()))
        .isEqualTo(Files.readAllBytes(document));
    byte[] thumbprint = Base64.getUrlDecoder().decode(key.thumbprint());
    assertThat(thumbprint).hasSize(32);
    assertThat(Files.readAllLines(args))
        .containsExactly(
            "--nonce",
            HexFormat.of().formatHex(Base64.getUrlDecoder().decode(nonce)),
            "--user-data=" + HexFormat.of().formatHex(thumbprint),
            "x");
  }

  @Test
  void aBase64DocumentIsDecodedWrappedOrNot() throws Exception {
    Path document = vector();
    byte[] raw = Files.readAllBytes(document);
    String base64 = Base64.getEncoder().encodeToString(raw);
    Path oneLine = dir.resolve("one-line.b64");
    Files.writeString(oneLine, "  " + base64 + "\n");
    Path wrapped = dir.resolve("wrapped.b64");
    Files.writeString(
        wrapped,
        Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(raw)
            + "\n");

    for (Path file : List.of(oneLine, wrapped)) {
      Path script = script("print-" + file.getFileName() + ".sh", "cat '" + file + "'");
      Evidence evidence =
          new NitroCommandAttestor(List.of(script.toString(), "${nonce}", "${user_data}"))
              .evidence(nonce(), key);
      assertThat(evidence.document()).as(file.getFileName().toString()).isEqualTo(base64);
    }
  }

  @Test
  void aFailingCommandIsReportedWithItsStatusAndFirstStderrLine() throws IOException {
    Path script =
        script(
            "fails.sh",
            "echo 'nsm: cannot open /dev/nsm: No such file or directory' >&2",
            "echo 'second line' >&2",
            "exit 3");

    assertThatThrownBy(
            () -> new NitroCommandAttestor(List.of(script.toString())).evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the nitro attestation command '"
                + script
                + "' exited with status 3: nsm: cannot open /dev/nsm: No such file or directory");

    Path quiet = script("quiet.sh", "exit 1");
    assertThatThrownBy(
            () -> new NitroCommandAttestor(List.of(quiet.toString())).evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the nitro attestation command '"
                + quiet
                + "' exited with status 1 and printed nothing on stderr");
  }

  @Test
  void aLongStderrLineIsClipped() throws IOException {
    Path script = script("long.sh", "printf 'E%.0s' $(seq 1 500) >&2", "exit 2");

    assertThatThrownBy(
            () -> new NitroCommandAttestor(List.of(script.toString())).evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageEndingWith("exited with status 2: " + "E".repeat(200) + "...");
  }

  @Test
  void aCommandThatHangsIsStopped() throws Exception {
    Path pidFile = dir.resolve("pid");
    Path script = script("hangs.sh", "echo $$ > '" + pidFile + "'", "sleep 60", "echo late");

    assertThatThrownBy(
            () ->
                new NitroCommandAttestor(List.of(script.toString()), Duration.ofMillis(300))
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "the nitro attestation command '"
                + script
                + "' did not finish within 300 ms and was stopped; check that it runs inside the"
                + " enclave and can reach /dev/nsm");

    if (!Files.exists(pidFile)) {
      return; // stopped before it wrote its pid
    }
    String written = Files.readString(pidFile).strip();
    if (written.isEmpty()) {
      return; // stopped while writing it
    }
    long pid = Long.parseLong(written);
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) { // not yet reaped: it must be on its way out
      process.get().onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void aMissingProgramOrAnEmptyAnswerIsReported() throws IOException {
    assertThatThrownBy(
            () ->
                new NitroCommandAttestor(List.of(dir.resolve("no-such-attest").toString()))
                    .evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessage(
            "cannot run the nitro attestation command '"
                + dir.resolve("no-such-attest")
                + "' (IOException); check attestation.nitro.command: the first entry must be an"
                + " executable file (it runs without a shell)");

    Path silent = script("silent.sh", "echo", "exit 0");
    assertThatThrownBy(
            () -> new NitroCommandAttestor(List.of(silent.toString())).evidence(nonce(), key))
        .isInstanceOf(AttestationUnavailable.class)
        .hasMessageStartingWith("the nitro attestation command printed nothing on stdout");
  }

  @Test
  void rawBytesAreNeverMistakenForBase64() {
    byte[] cbor = {(byte) 0x84, 0x44, (byte) 0xa1, 0x01, 0x38, 0x22};
    assertThat(NitroCommandAttestor.decode(cbor)).isEqualTo(cbor);
    byte[] notBase64 = "abc$def".getBytes(StandardCharsets.US_ASCII);
    assertThat(NitroCommandAttestor.decode(notBase64)).isEqualTo(notBase64);
    assertThat(NitroCommandAttestor.decode("hEShATgi\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(new byte[] {(byte) 0x84, 0x44, (byte) 0xa1, 0x01, 0x38, 0x22});
    assertThat(NitroCommandAttestor.decode(" \n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  private Path script(String name, String... lines) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private static Path vector() throws URISyntaxException {
    return Path.of(
        NitroCommandAttestorTest.class
            .getResource("/attestation/nitro/evervault-ga_2023-09-18_us-east-1_debug.cbor")
            .toURI());
  }
}
