package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class AwsCredentialsResponseCodec implements WireCodec<AwsCredentialsResponse> {

  private static final List<String> FIELDS =
      List.of("access_key_id", "secret_access_key", "session_token", "expiration", "issuance_id");

  @Override
  public Class<AwsCredentialsResponse> type() {
    return AwsCredentialsResponse.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(AwsCredentialsResponse r) {
    return JsonObject.builder()
        .put("access_key_id", r.accessKeyId())
        .put("secret_access_key", r.secretAccessKey())
        .put("session_token", r.sessionToken())
        .put("expiration", r.expiration().toString()) // ISO-8601, e.g. 2025-01-01T00:00:00Z
        .put("issuance_id", r.issuanceId())
        .build();
  }

  @Override
  public AwsCredentialsResponse read(WireFields f) {
    return new AwsCredentialsResponse(
        f.text("access_key_id"),
        f.text("secret_access_key"),
        f.text("session_token"),
        f.instant("expiration"),
        f.text("issuance_id"));
  }
}
