package dev.tether.vault.internal.sts;

import dev.tether.vault.internal.RandomTokens;

/**
 * The long-term key pair the local STS accepts AssumeRole calls from: the Vault's own "IAM user".
 * Generated at start and never written anywhere.
 */
public record RootCredential(String accessKeyId, String secretAccessKey) {

  static RootCredential generate() {
    return new RootCredential(RandomTokens.accessKeyId("AKIA"), RandomTokens.secretAccessKey());
  }

  @Override
  public String toString() {
    return "RootCredential[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
  }
}
