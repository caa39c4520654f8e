package dev.tether.vault.internal.attest.ec2iid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The three real, AWS-signed instance identity documents in test resources (sources and licences in
 * src/test/resources/attestation/ec2-iid/README.md).
 */
enum IidVectors {
  RSA_US_WEST_2("teleport-instance1_2021-09-03_us-west-2", ".rsa2048.b64", "us-west-2"),
  RSA_US_WEST_1("teleport-instance2_2021-09-11_us-west-1", ".rsa2048.b64", "us-west-1"),
  DSA_US_EAST_1("mozilla-pkcs7_2016-04-08_us-east-1", ".p7.pem", "us-east-1");

  private static final String ROOT = "attestation/ec2-iid/";

  final String name;
  final String suffix;
  final String region;

  IidVectors(String name, String suffix, String region) {
    this.name = name;
    this.suffix = suffix;
    this.region = region;
  }

  boolean isDsa() {
    return this == DSA_US_EAST_1;
  }

  /** The evidence exactly as the file holds it (IMDS text for RSA, PEM for DSA). */
  byte[] evidence() {
    return read(name + suffix);
  }

  /** The PKCS#7 bytes. */
  byte[] der() {
    String text =
        new String(evidence(), StandardCharsets.US_ASCII)
            .replace("-----BEGIN PKCS7-----", "")
            .replace("-----END PKCS7-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(text);
  }

  /** The signed content, byte for byte. */
  byte[] document() {
    return read(name + ".document.json");
  }

  JsonNode expected() {
    try {
      return new ObjectMapper().readTree(read("expected/" + name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Instant pendingTime() {
    return Instant.parse(expected().path("expected").path("pendingTime").asText());
  }

  /** IMDS's form: base64 wrapped at 76 columns, no PEM lines. */
  static byte[] imdsText(byte[] der) {
    return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encode(der);
  }

  private static byte[] read(String file) {
    try (InputStream in = IidVectors.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException(ROOT + file + " missing from test resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
