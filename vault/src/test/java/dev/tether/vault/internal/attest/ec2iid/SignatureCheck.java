package dev.tether.vault.internal.attest.ec2iid;

import java.security.PublicKey;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/** Checks a SignerInfo's signature with one key, below the verifier (and its serial check). */
final class SignatureCheck {

  private SignatureCheck() {}

  static boolean verifies(SignerInformation signer, PublicKey key) {
    try {
      return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(key));
    } catch (Exception e) {
      return false;
    }
  }
}
