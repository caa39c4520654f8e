package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class AttestationNonceCodec implements WireCodec<AttestationNonce> {

  private static final List<String> FIELDS = List.of("nonce", "expires_at");

  @Override
  public Class<AttestationNonce> type() {
    return AttestationNonce.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(AttestationNonce r) {
    return JsonObject.builder()
        .put("nonce", r.nonce())
        .put("expires_at", r.expiresAt().toString())
        .build();
  }

  @Override
  public AttestationNonce read(WireFields f) {
    return new AttestationNonce(f.text("nonce"), f.instant("expires_at"));
  }
}
