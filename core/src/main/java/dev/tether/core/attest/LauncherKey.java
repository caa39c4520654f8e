package dev.tether.core.attest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The Ed25519 key of a local attestor: the launcher that starts a workload signs {@link
 * LocalEvidence} with it, and the Vault trusts its public key. It belongs to the launcher, never
 * to the application it launches. Stored as PKCS#8 PEM, readable by its owner only.
 */
public final class LauncherKey {

  private static final String PRIVATE_LABEL = "PRIVATE KEY";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String id;

  private LauncherKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.id = LauncherPublicKeys.id(publicKey);
  }

  public static LauncherKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new LauncherKey(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (JDK 15+ has it built in)", e);
    }
  }

  /**
   * Reads the key at {@code file}, or makes one and writes it there (owner-only) together with
   * its public key at {@code file + ".pub"}, for the Vault's {@code --local-attestor-key}.
   *
   * @throws IOException naming the file when it cannot be read, written or parsed
   */
  public static LauncherKey loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    LauncherKey key = generate();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // Both halves: the JDK cannot derive an Ed25519 public key from a PKCS#8 private key.
    String pem = Pem.encode(PRIVATE_LABEL, key.privateKey.getEncoded()) + key.publicKeyPem();
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system: the directory's permissions must do
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), key.publicKeyPem(),
        StandardCharsets.US_ASCII);
    return key;
  }

  /** @throws IOException naming the file when it is unreadable or not an Ed25519 PKCS#8 key */
  public static LauncherKey load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    LauncherKey key;
    try {
      byte[] der = Pem.decode(text, PRIVATE_LABEL);
      PrivateKey privateKey =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      key = new LauncherKey(privateKey, LauncherPublicKeys.readPem(text));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("launcher key " + file + " is not an Ed25519 key pair in PEM"
          + " (PRIVATE KEY, then PUBLIC KEY); delete it to have a new one made, and register the"
          + " new .pub with the Vault");
    }
    if (!key.halvesMatch()) {
      throw new IOException("launcher key " + file + ": its PUBLIC KEY is not the public half of"
          + " its PRIVATE KEY; delete it to have a new one made");
    }
    return key;
  }

  /** The key's id: the RFC 7638 thumbprint of its public key, as evidence names its launcher. */
  public String id() {
    return id;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key as PEM ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo). */
  public String publicKeyPem() {
    return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
  }

  byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the launcher key", e);
    }
  }

  private boolean halvesMatch() {
    byte[] probe = "tether launcher key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(sign(probe));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "LauncherKey[Ed25519, id=" + id + "]";
  }
}
