package dev.tether.vault.internal.attest.ec2iid;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * A PKCS#7 SignedData as AWS builds it for an instance identity document: the document as
 * encapsulated {@code id-data} content, exactly one SignerInfo, no certificate needed (AWS embeds
 * none; any that are embedded are ignored, never trusted).
 *
 * @param content the signed content (the identity document's JSON bytes)
 * @param signer the one SignerInfo
 * @param family RSA or DSA, from the signer's signature algorithm
 * @param digestName the signer's digest, e.g. {@code SHA-256}
 */
record IidSignedData(
    byte[] content, SignerInformation signer, SignatureFamily family, String digestName) {

  /** Why the bytes are not an IID's SignedData; the message says which part. */
  static final class NotSignedData extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unknownAlgorithm;

    NotSignedData(String message, boolean unknownAlgorithm) {
      super(message, null, false, false);
      this.unknownAlgorithm = unknownAlgorithm;
    }

    /** True when the structure is fine but signed with an algorithm AWS has no certificate for. */
    boolean unknownAlgorithm() {
      return unknownAlgorithm;
    }
  }

  private static final String ID_DATA = CMSObjectIdentifiers.data.getId();

  static IidSignedData parse(byte[] der) throws NotSignedData {
    CMSSignedData signedData;
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      ASN1Primitive top = in.readObject();
      if (top == null) {
        throw malformed("no ASN.1 object");
      }
      if (in.available() > 0) {
        throw malformed(in.available() + " bytes follow the PKCS#7 structure");
      }
      ContentInfo contentInfo = ContentInfo.getInstance(top);
      if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
        throw malformed(
            "content type " + clip(contentInfo.getContentType().getId()) + ", not SignedData");
      }
      signedData = new CMSSignedData(contentInfo);
    } catch (IOException | CMSException | RuntimeException e) {
      // BC reports broken encodings with IOException, CMSException, IllegalArgumentException,
      // IllegalStateException or ClassCastException depending on where the bytes go wrong.
      throw malformed("not a PKCS#7 SignedData (" + shortMessage(e) + ")");
    }
    try {
      return fromSignedData(signedData);
    } catch (IOException | RuntimeException e) {
      // BC decodes SignerInfos and algorithm sets lazily: broken inner parts surface here.
      throw malformed("not a PKCS#7 SignedData (" + shortMessage(e) + ")");
    }
  }

  private static IidSignedData fromSignedData(CMSSignedData signedData)
      throws NotSignedData, IOException {
    if (!ID_DATA.equals(signedData.getSignedContentTypeOID())) {
      throw malformed("encapsulated content type is not id-data");
    }
    CMSTypedData signedContent = signedData.getSignedContent();
    if (signedContent == null || !(signedContent.getContent() instanceof byte[])) {
      throw malformed(
          "no encapsulated content (a detached signature; the document must be inside)");
    }
    byte[] content = (byte[]) signedContent.getContent();
    if (content.length == 0) {
      throw malformed("the encapsulated content is empty");
    }
    Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      throw malformed(signers.size() + " SignerInfos; AWS signs with exactly one");
    }
    SignerInformation signer = signers.iterator().next();
    if (signedData.getVersion() != 1 || signer.getVersion() != 1) {
      throw malformed("SignedData/SignerInfo version is not 1 (issuer and serial)");
    }
    if (signer.getSID().getIssuer() == null || signer.getSID().getSerialNumber() == null) {
      throw malformed("the SignerInfo does not name its certificate by issuer and serial");
    }
    // The outer digestAlgorithms set is not signed; insist it says what the signer says.
    Set<AlgorithmIdentifier> digests = signedData.getDigestAlgorithmIDs();
    if (digests.size() != 1
        || !digests.iterator().next().getAlgorithm().getId().equals(signer.getDigestAlgOID())) {
      throw malformed("the SignedData digest algorithms do not match the SignerInfo's");
    }
    // Neither set of parameters is signed (DSA has no algorithm-protection attribute): SHA
    // digests take none, written as absent or NULL (RFC 5754), and nothing else is accepted.
    if (!absentOrNull(digests.iterator().next()) || !absentOrNull(signer.getDigestAlgorithmID())) {
      throw malformed("digest algorithm parameters are not absent or NULL");
    }
    SignatureFamily family = SignatureFamily.bySignatureOid(signer.getEncryptionAlgOID());
    if (family == null) {
      throw new NotSignedData(
          "signature algorithm "
              + clip(signer.getEncryptionAlgOID())
              + " is neither RSA nor DSA, the only ones AWS signs instance identity documents with",
          true);
    }
    String digestName = family.acceptedDigest(signer.getDigestAlgOID());
    if (digestName == null) {
      throw malformed(
          "digest algorithm "
              + clip(signer.getDigestAlgOID())
              + " is not accepted with "
              + family
              + " (AWS uses SHA-256 with RSA, SHA-1 with DSA)");
    }
    if (signer.getSignedAttributes() == null) {
      throw malformed("the SignerInfo has no signed attributes (AWS always signs them)");
    }
    // Decode the rest now, so encoding errors are MALFORMED here, not surprises in verify().
    signer.getEncodedSignedAttributes();
    signer.getUnsignedAttributes();
    signer.getSignature();
    return new IidSignedData(content, signer, family, digestName);
  }

  private static boolean absentOrNull(AlgorithmIdentifier algorithm) {
    return algorithm.getParameters() == null || DERNull.INSTANCE.equals(algorithm.getParameters());
  }

  private static NotSignedData malformed(String message) {
    return new NotSignedData(message, false);
  }

  /** OIDs come from the evidence: quote them, but not at any length. */
  private static String clip(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }

  private static String shortMessage(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.length() > 120 ? message.substring(0, 120) + "..." : message;
  }
}
