package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class ReattestRequestCodec implements WireCodec<ReattestRequest> {

  private static final List<String> FIELDS = List.of("token", "evidence");

  @Override
  public Class<ReattestRequest> type() {
    return ReattestRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(ReattestRequest r) {
    return JsonObject.builder()
        .put("token", r.token())
        .put("evidence", EvidenceCodec.INSTANCE.write(r.evidence()))
        .build();
  }

  @Override
  public ReattestRequest read(WireFields f) {
    return new ReattestRequest(f.text("token"), f.nested("evidence", EvidenceCodec.INSTANCE));
  }
}
