package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.nitro.Refusals.malformed;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import dev.tether.vault.attest.EvidenceVerifier;
import dev.tether.vault.attest.VerifiedEvidence;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies AWS Nitro attestation documents, the COSE_Sign1 that an enclave's Nitro Secure Module
 * or an EC2 instance's NitroTPM returns, in AWS's order (aws-nitro-enclaves-nsm-api
 * docs/attestation_process.md; for NitroTPM the EC2 User Guide's "Validate a NitroTPM Attestation
 * Document", which gives the same format, steps and root):
 *
 * <ol>
 *   <li>shape: a COSE_Sign1, tagged (18) or not, whose protected header says ES384, with a 96-byte
 *       signature; its payload a map with module_id, digest SHA384, timestamp, exactly one of pcrs
 *       (enclave) and nitrotpm_pcrs (NitroTPM), certificate, cabundle and the optional public_key,
 *       user_data and nonce ({@code MALFORMED});
 *   <li>chain: {@code cabundle[0]} is the AWS Nitro root bundled in this jar, and the signing
 *       certificate chains to it through the cabundle; every certificate, the root included, is
 *       valid at the verification instant ({@code UNTRUSTED}, {@code EXPIRED}, {@code
 *       NOT_YET_VALID});
 *   <li>signature: ECDSA P-384 / SHA-384 over the COSE Sig_structure {@code ["Signature1",
 *       protected, h'', payload]} with the signing certificate's key ({@code BAD_SIGNATURE});
 *   <li>the document's timestamp is not after the verification instant ({@code NOT_YET_VALID});
 *   <li>{@link NitroPolicy}: enclave debug mode and pinned PCRs; for a NitroTPM document, whether
 *       such documents are admitted at all, and their own pinned PCRs ({@code POLICY}).
 * </ol>
 *
 * <p>The chain is checked before the signature so that a key is used only once it is trusted, and
 * so that a forged chain is reported as {@code UNTRUSTED} whatever the instant.
 *
 * <p><b>Optional fields.</b> Real AWS-signed documents write a missing {@code public_key}, {@code
 * user_data} or {@code nonce} three ways: the key left out, CBOR null, or an empty byte string. All
 * three become {@code null} in {@link VerifiedEvidence}: none of them binds anything, and one
 * representation keeps callers from treating an empty key or nonce as a binding (an empty array
 * compares equal to another empty array). {@code fields} still says which form the document used
 * ("absent", "null", "empty"). Values may hold up to 1024 bytes, as today's NSM allows.
 *
 * <p>{@link VerifiedEvidence#fields()} starts with {@value #DOCUMENT_FIELD}: {@value #ENCLAVE} or
 * {@value #NITRO_TPM}, so that callers and operators never take an instance's measured boot for
 * an enclave. The NitroTPM path was tested only with documents signed by a test PKI built to AWS's
 * published format: no real NitroTPM document was available.
 *
 * <p>{@link #verify} is thread-safe and throws nothing but {@link EvidenceRefused} for any bytes.
 */
public final class NitroVerifier implements EvidenceVerifier {

  /** The evidence kind, {@value}. */
  public static final String KIND = "nitro";

  /** The field of {@link VerifiedEvidence#fields()} that says which producer signed, {@value}. */
  public static final String DOCUMENT_FIELD = "document";

  /** {@value #DOCUMENT_FIELD} of a Nitro Enclaves document, {@value}. */
  public static final String ENCLAVE = "enclave";

  /** {@value #DOCUMENT_FIELD} of a NitroTPM document (an EC2 instance's boot), {@value}. */
  public static final String NITRO_TPM = "nitro-tpm";

  private static final String SIGNATURE_ALGORITHM = "SHA384withECDSAinP1363Format";

  private final NitroRoot root;
  private final NitroPolicy policy;

  /**
   * A verifier trusting the AWS Nitro root bundled in this jar.
   *
   * @throws IllegalStateException if the bundled root is missing or its fingerprint is not AWS's
   */
  public NitroVerifier(NitroPolicy policy) {
    this(NitroRoot.bundled(), policy);
  }

  NitroVerifier(NitroRoot root, NitroPolicy policy) {
    this.root = Objects.requireNonNull(root, "root");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public String kind() {
    return KIND;
  }

  public NitroPolicy policy() {
    return policy;
  }

  @Override
  public VerifiedEvidence verify(byte[] evidence, Instant at) throws EvidenceRefused {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(at, "at");
    try {
      return verifyChecked(evidence, at);
    } catch (IllegalStateException e) {
      throw e; // the JDK or the jar is broken, not the evidence
    } catch (RuntimeException e) {
      // A JDK parser surprised by hostile bytes; the contract is a refusal, never a crash.
      throw malformed("it could not be processed (" + e.getClass().getSimpleName() + ")");
    }
  }

  private VerifiedEvidence verifyChecked(byte[] evidence, Instant at) throws EvidenceRefused {
    CoseSign1 cose = CoseSign1.parse(evidence);
    AttestationDocument document = AttestationDocument.parse(cose.payload());
    X509Certificate leaf =
        NitroChain.validate(root, document.certificate(), document.cabundle(), at);
    verifySignature(cose, leaf);
    if (document.timestamp().isAfter(at)) {
      throw new EvidenceRefused(
          Reason.NOT_YET_VALID,
          "the document's timestamp "
              + document.timestamp()
              + " is after the verification instant "
              + at
              + "; check the Vault's clock");
    }
    policy.check(document);
    return new VerifiedEvidence(
        KIND,
        document.timestamp(),
        document.moduleId(),
        document.nonce().valueOrNull(),
        document.publicKey().valueOrNull(),
        document.userData().valueOrNull(),
        NitroFields.of(document, leaf));
  }

  private static void verifySignature(CoseSign1 cose, X509Certificate leaf) throws EvidenceRefused {
    PublicKey key = leaf.getPublicKey();
    if (!(key instanceof ECPublicKey ec)
        || ec.getParams().getCurve().getField().getFieldSize() != 384) {
      throw malformed("the signing certificate's key is not EC P-384, as ES384 requires");
    }
    boolean valid;
    try {
      Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
      signature.initVerify(key);
      signature.update(cose.toBeSigned());
      valid = signature.verify(cose.signature());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + SIGNATURE_ALGORITHM, e);
    } catch (InvalidKeyException e) {
      throw malformed("the signing certificate's key cannot verify ES384 signatures");
    } catch (SignatureException e) {
      valid = false; // e.g. r or s out of range
    }
    if (!valid) {
      throw new EvidenceRefused(
          Reason.BAD_SIGNATURE,
          "the document's ES384 signature does not verify with its signing certificate's key;"
              + " the document was altered after the NSM signed it");
    }
  }
}
