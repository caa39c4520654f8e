package dev.tether.vault.internal.attest.ec2iid;

import dev.tether.vault.attest.EvidenceRefused;
import dev.tether.vault.attest.EvidenceRefused.Reason;
import dev.tether.vault.attest.EvidenceVerifier;
import dev.tether.vault.attest.VerifiedEvidence;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies an EC2 instance identity document signed as PKCS#7: the text IMDS serves at {@code
 * /latest/dynamic/instance-identity/rsa2048} (RSA-2048, SHA-256) or {@code .../pkcs7} (DSA, SHA-1),
 * with or without {@code -----BEGIN PKCS7-----} lines.
 *
 * <p>The signing certificate is chosen here, by the document's {@code region} and the signature
 * family, from the AWS certificates bundled with the Vault; certificates inside the PKCS#7 are
 * never used. What a verified document proves: AWS says an instance of {@code accountId} in {@code
 * region} was launched at {@code pendingTime}. It carries no nonce and no key, so {@link
 * VerifiedEvidence#nonce()}, {@link VerifiedEvidence#publicKey()} and {@link
 * VerifiedEvidence#userData()} are {@code null}; freshness must be bound another way (see
 * docs/attestation-ec2-iid.md).
 */
public final class Ec2IidVerifier implements EvidenceVerifier {

  /** The evidence kind. */
  public static final String KIND = "ec2-iid";

  // The bundled certificates take tens of milliseconds to read and check: only a Vault that
  // accepts this kind (or meets a document) pays for them.
  private final Supplier<Ec2IidTrustAnchors> anchors;

  /**
   * A verifier that trusts the AWS certificates bundled with the Vault, read at the first document
   * or at {@link #loadTrustAnchors()}.
   */
  public Ec2IidVerifier() {
    this.anchors = Ec2IidTrustAnchors::bundled;
  }

  Ec2IidVerifier(Supplier<Ec2IidTrustAnchors> anchors) {
    this.anchors = anchors;
  }

  /**
   * Reads the bundled certificates now, so that a damaged or swapped resource stops a Vault that
   * accepts this kind at start rather than at the first document.
   *
   * @throws IllegalStateException naming the resource that does not match its pin
   */
  public Ec2IidVerifier loadTrustAnchors() {
    anchors.get();
    return this;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Verifies with the certificate of the region the document names. */
  @Override
  public VerifiedEvidence verify(byte[] evidence, Instant at) throws EvidenceRefused {
    return verify(evidence, at, null);
  }

  /**
   * Verifies with the certificate of {@code certificateRegion} instead of the document's own region
   * (a diagnostic: a document checked against another region's certificate is refused as {@link
   * Reason#BAD_SIGNATURE}).
   *
   * @param certificateRegion e.g. {@code us-west-2}; {@code null} to use the document's region
   */
  public VerifiedEvidence verify(byte[] evidence, Instant at, String certificateRegion)
      throws EvidenceRefused {
    Objects.requireNonNull(at, "at");
    Refusals refusals = new Refusals();
    IidSignedData signedData = parse(evidence, refusals);
    refusals.algorithm = signedData.family().displayName(signedData.digestName());

    IdentityDocument document;
    try {
      document = IdentityDocument.parse(signedData.content());
    } catch (IdentityDocument.BadDocument e) {
      throw refusals.refuse(Reason.MALFORMED, e.getMessage());
    }
    refusals.region = document.region();
    refusals.instanceId = document.instanceId();

    IidTrustAnchor anchor =
        selectAnchor(signedData.family(), document, certificateRegion, refusals);
    checkValidity(anchor, at, "at the verification instant " + at, refusals);
    checkSignature(signedData.signer(), anchor, refusals);
    Instant signingTime = signingTime(signedData.signer());
    if (signingTime != null) {
      checkValidity(anchor, signingTime, "at the document's signing time " + signingTime, refusals);
    }

    Map<String, String> fields = new LinkedHashMap<>(document.fields());
    fields.put("signature.algorithm", refusals.algorithm);
    fields.put("signature.certificate", anchor.describe());
    if (signingTime != null) {
      fields.put("signature.signingTime", signingTime.toString());
    }
    // No nonce, key or user data: the document is the same for the instance's whole life.
    return new VerifiedEvidence(
        KIND, document.pendingTime(), document.instanceId(), null, null, null, fields);
  }

  private static IidSignedData parse(byte[] evidence, Refusals refusals) throws EvidenceRefused {
    byte[] der;
    try {
      der = Pkcs7Text.decode(evidence);
    } catch (Pkcs7Text.BadText e) {
      throw refusals.refuse(Reason.MALFORMED, e.getMessage());
    }
    try {
      return IidSignedData.parse(der);
    } catch (IidSignedData.NotSignedData e) {
      throw refusals.refuse(
          e.unknownAlgorithm() ? Reason.UNTRUSTED : Reason.MALFORMED, e.getMessage());
    }
  }

  private IidTrustAnchor selectAnchor(
      SignatureFamily family, IdentityDocument document, String forcedRegion, Refusals refusals)
      throws EvidenceRefused {
    String region = forcedRegion == null ? document.region() : forcedRegion;
    Ec2IidTrustAnchors trusted = anchors.get();
    IidTrustAnchor anchor = trusted.find(family, region);
    if (anchor == null) {
      String named =
          IdentityDocument.REGION.matcher(region).matches() ? region : "<not a region name>";
      throw refusals.refuse(
          Reason.UNTRUSTED,
          "no "
              + family.anchorFolder()
              + " certificate for region "
              + named
              + ": "
              + trusted.missingHint(family, region));
    }
    return anchor;
  }

  private static void checkValidity(
      IidTrustAnchor anchor, Instant instant, String when, Refusals refusals)
      throws EvidenceRefused {
    if (instant.isBefore(anchor.notBefore())) {
      throw refusals.refuse(
          Reason.NOT_YET_VALID,
          "certificate "
              + anchor.describe()
              + " is not valid before "
              + anchor.notBefore()
              + ", "
              + when
              + "; check the clock, or the certificate bundle is newer than the document");
    }
    if (instant.isAfter(anchor.notAfter())) {
      throw refusals.refuse(
          Reason.EXPIRED,
          "certificate "
              + anchor.describe()
              + " expired "
              + anchor.notAfter()
              + ", "
              + when
              + "; update the Vault's AWS certificate bundle from the AWS regions-certs page");
    }
  }

  private static void checkSignature(
      SignerInformation signer, IidTrustAnchor anchor, Refusals refusals) throws EvidenceRefused {
    // The SignerInfo names its certificate by issuer and serial (all AWS IID certificates share
    // one issuer name). A different serial means another region's or family's key signed it:
    // the same answer OpenSSL gives ("signer certificate not found").
    SignerId sid = signer.getSID();
    if (!anchor.serial().equals(sid.getSerialNumber()) || !sameEncoding(anchor.issuer(), sid)) {
      throw refusals.refuse(
          Reason.BAD_SIGNATURE,
          "signed by the certificate with serial "
              + sid.getSerialNumber().toString(16)
              + ", not by "
              + anchor.describe()
              + "; the document comes from another region, or was altered");
    }
    boolean valid;
    try {
      // Verified with the pinned key only: no certificate from the PKCS#7 takes part.
      valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(anchor.publicKey()));
    } catch (CMSException | OperatorCreationException | RuntimeException e) {
      // Digest mismatch (altered content), broken signature encoding, algorithm-protection
      // mismatch: all mean these bytes were not signed by this key.
      throw refusals.refuse(
          Reason.BAD_SIGNATURE,
          "signature does not verify with " + anchor.describe() + " (" + e.getMessage() + ")");
    }
    if (!valid) {
      throw refusals.refuse(
          Reason.BAD_SIGNATURE,
          "signature does not verify with "
              + anchor.describe()
              + "; the document or its signature was altered");
    }
  }

  /**
   * The issuer name as encoded, not as X.500 matching compares it (which ignores string types): the
   * SignerInfo's issuer is not signed, so only AWS's exact bytes are accepted.
   */
  private static boolean sameEncoding(X500Name issuer, SignerId sid) {
    try {
      return Arrays.equals(issuer.getEncoded(), sid.getIssuer().getEncoded());
    } catch (IOException e) {
      return false;
    }
  }

  /** The signed signingTime attribute, or {@code null}; only read after the signature verified. */
  private static Instant signingTime(SignerInformation signer) {
    Attribute attribute = signer.getSignedAttributes().get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return null;
    }
    try {
      ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
      return Time.getInstance(value).getDate().toInstant();
    } catch (RuntimeException e) {
      return null; // BC's verify() has already checked the attribute's form
    }
  }

  /** Builds refusal messages that name what is known so far: region, algorithm, instance. */
  private static final class Refusals {
    String region;
    String algorithm;
    String instanceId;

    EvidenceRefused refuse(Reason reason, String what) {
      StringBuilder message = new StringBuilder("EC2 instance identity document refused");
      StringBuilder context = new StringBuilder();
      append(context, "region", region);
      append(context, "algorithm", algorithm);
      append(context, "instance", instanceId);
      if (context.length() > 0) {
        message.append(" (").append(context).append(')');
      }
      return new EvidenceRefused(reason, message.append(": ").append(what).toString());
    }

    private static void append(StringBuilder context, String name, String value) {
      if (value != null) {
        if (context.length() > 0) {
          context.append(", ");
        }
        context.append(name).append(' ').append(value);
      }
    }
  }
}
