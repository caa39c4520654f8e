package dev.tether.agent.internal.attest;

import dev.tether.agent.internal.config.AttestationConfig;
import dev.tether.core.pop.WorkloadKey;
import dev.tether.core.wire.Evidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gets a Nitro attestation document from a command the operator configures (a small program that
 * asks the Nitro Secure Module), run directly, without a shell. {@code ${nonce}} in an argument
 * becomes the Vault nonce's bytes in hex, {@code ${user_data}} the 32 bytes of the workload key's
 * thumbprint in hex, so the document binds both. The command prints the document on stdout, as raw
 * CBOR or as base64.
 */
public final class NitroCommandAttestor implements Attestor {

  public static final String KIND = AttestationConfig.NITRO;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** An attestation document is a few KiB; the largest possible one stays well under this. */
  static final int MAX_DOCUMENT_BYTES = 64 * 1024;

  private static final int MAX_STDERR_BYTES = 4096;
  private static final int MAX_STDERR_LINE = 200;
  private static final HexFormat HEX = HexFormat.of();

  private final List<String> command;
  private final Duration timeout;

  public NitroCommandAttestor(List<String> command) {
    this(command, DEFAULT_TIMEOUT);
  }

  NitroCommandAttestor(List<String> command, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the nitro attestation command is empty");
    }
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Evidence evidence(String nonce, WorkloadKey key) throws AttestationUnavailable {
    String nonceHex = HEX.formatHex(base64url(nonce, "the Vault's nonce"));
    String userDataHex = HEX.formatHex(base64url(key.thumbprint(), "the workload key thumbprint"));
    List<String> argv = new ArrayList<>(command.size());
    for (String argument : command) {
      argv.add(
          argument
              .replace(AttestationConfig.Nitro.NONCE, nonceHex)
              .replace(AttestationConfig.Nitro.USER_DATA, userDataHex));
    }
    byte[] document = run(argv);
    return new Evidence(KIND, nonce, Base64.getEncoder().encodeToString(document));
  }

  private byte[] run(List<String> argv) throws AttestationUnavailable {
    Process process;
    try {
      process = new ProcessBuilder(argv).start();
    } catch (IOException | RuntimeException e) {
      throw new AttestationUnavailable(
          "cannot run the nitro attestation command '"
              + Printable.clip(argv.get(0), MAX_STDERR_LINE)
              + "' ("
              + e.getClass().getSimpleName()
              + "); check attestation.nitro.command: the first entry must be an executable file"
              + " (it runs without a shell)");
    }
    try {
      process.getOutputStream().close(); // the command reads nothing from us
    } catch (IOException e) {
      // it exited already; its exit status tells the rest
    }
    StreamCollector stdout =
        new StreamCollector(process.getInputStream(), MAX_DOCUMENT_BYTES, "tether-nitro-stdout");
    StreamCollector stderr =
        new StreamCollector(process.getErrorStream(), MAX_STDERR_BYTES, "tether-nitro-stderr");
    stdout.start();
    stderr.start();
    int status;
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        throw new AttestationUnavailable(
            "the nitro attestation command '"
                + Printable.clip(argv.get(0), MAX_STDERR_LINE)
                + "' did not finish within "
                + timeout.toMillis()
                + " ms and was stopped; check that it runs inside the enclave and can reach"
                + " /dev/nsm");
      }
      status = process.exitValue();
      // The pipes close at exit; a grandchild still holding them must not hold us up.
      stdout.join(timeout.toMillis());
      stderr.join(timeout.toMillis());
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new AttestationUnavailable(
          "interrupted while waiting for the nitro attestation command; try again");
    }
    if (status != 0) {
      String line = firstLine(stderr.bytes());
      throw new AttestationUnavailable(
          "the nitro attestation command '"
              + Printable.clip(argv.get(0), MAX_STDERR_LINE)
              + "' exited with status "
              + status
              + (line.isEmpty() ? " and printed nothing on stderr" : ": " + line));
    }
    if (stdout.overflowed()) {
      throw new AttestationUnavailable(
          "the nitro attestation command printed more than "
              + MAX_DOCUMENT_BYTES
              + " bytes; it must print only the attestation document (raw CBOR or base64)");
    }
    byte[] document = decode(stdout.bytes());
    if (document.length == 0) {
      throw new AttestationUnavailable(
          "the nitro attestation command printed nothing on stdout; it must print the attestation"
              + " document (raw CBOR or base64)");
    }
    return document;
  }

  /** Stops the command and whatever it started (a shell script's children, say). */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * The document's bytes: stdout decoded when, after trimming, it is base64 text (wrapped or not),
   * else stdout as it is (raw CBOR, whose first byte is never a base64 character).
   */
  static byte[] decode(byte[] stdout) {
    String text = new String(stdout, StandardCharsets.ISO_8859_1);
    StringBuilder compact = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
        continue;
      }
      if (!isBase64Char(c)) {
        return stdout;
      }
      compact.append(c);
    }
    if (compact.length() == 0) {
      return new byte[0];
    }
    String encoded = compact.toString();
    try {
      boolean urlSafe = encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0;
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(encoded);
    } catch (IllegalArgumentException e) {
      return stdout;
    }
  }

  private static boolean isBase64Char(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '='
        || c == '-'
        || c == '_';
  }

  private static byte[] base64url(String value, String what) throws AttestationUnavailable {
    try {
      return Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new AttestationUnavailable(what + " is not base64url; this is a bug, please report it");
    }
  }

  private static String firstLine(byte[] stderr) {
    String text = new String(stderr, StandardCharsets.UTF_8).strip();
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).strip();
    return Printable.clip(line, MAX_STDERR_LINE);
  }

  @Override
  public String toString() {
    return "NitroCommandAttestor" + command;
  }
}
