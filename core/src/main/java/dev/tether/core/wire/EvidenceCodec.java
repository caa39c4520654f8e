package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class EvidenceCodec implements WireCodec<Evidence> {

  static final EvidenceCodec INSTANCE = new EvidenceCodec();

  private static final List<String> FIELDS = List.of("kind", "nonce", "document");

  @Override
  public Class<Evidence> type() {
    return Evidence.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(Evidence r) {
    return JsonObject.builder()
        .put("kind", r.kind())
        .put("nonce", r.nonce())
        .put("document", r.document())
        .build();
  }

  @Override
  public Evidence read(WireFields f) {
    return new Evidence(f.text("kind"), f.text("nonce"), f.text("document"));
  }
}
