package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class RedeemRequestCodec implements WireCodec<RedeemRequest> {

  private static final List<String> FIELDS = List.of("grant", "agent", "evidence");

  @Override
  public Class<RedeemRequest> type() {
    return RedeemRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(RedeemRequest r) {
    JsonObject.Builder json = JsonObject.builder().put("grant", r.grant()).put("agent", r.agent());
    if (r.evidence() != null) {
      json.put("evidence", EvidenceCodec.INSTANCE.write(r.evidence()));
    }
    return json.build();
  }

  @Override
  public RedeemRequest read(WireFields f) {
    return new RedeemRequest(
        f.text("grant"), f.text("agent"), f.nested("evidence", EvidenceCodec.INSTANCE));
  }
}
