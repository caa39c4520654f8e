package dev.tether.vault.internal.attest.nitro;

import dev.tether.vault.internal.attest.nitro.AttestationDocument.Source;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * The decoded fields an operator sees for a verified Nitro document, in a stable order. {@code
 * document} comes first and says which producer signed it ({@code enclave} or {@code
 * nitro-tpm}); an enclave's PCRs are {@code pcr<N>}, a NitroTPM's {@code nitrotpm_pcr<N>}.
 */
final class NitroFields {

  private NitroFields() {}

  static Map<String, String> of(AttestationDocument document, X509Certificate leaf) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(NitroVerifier.DOCUMENT_FIELD, document.source().label);
    fields.put("module_id", document.moduleId());
    fields.put("timestamp", document.timestamp().toString());
    fields.put("digest", document.digest());
    if (document.source() == Source.ENCLAVE) {
      fields.put("debug", document.debugMode() ? "yes" : "no");
      // Zero PCRs are unused enclave registers; listing them would hide the ones that matter.
      document
          .pcrs()
          .forEach(
              (index, value) -> {
                if (!isZero(value)) {
                  fields.put("pcr" + index, HexFormat.of().formatHex(value));
                }
              });
    } else {
      // Every one: a zero NitroTPM PCR12 (no kernel command line measured) is a value to pin.
      document
          .pcrs()
          .forEach(
              (index, value) -> fields.put("nitrotpm_pcr" + index, HexFormat.of().formatHex(value)));
    }
    fields.put(
        "certificate.subject", leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
    fields.put("certificate.not_before", leaf.getNotBefore().toInstant().toString());
    fields.put("certificate.not_after", leaf.getNotAfter().toInstant().toString());
    fields.put("public_key", document.publicKey().describe());
    fields.put("user_data", document.userData().describe());
    fields.put("nonce", document.nonce().describe());
    return fields;
  }

  private static boolean isZero(byte[] value) {
    for (byte b : value) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
