package dev.tether.instrumentation.awssdk.v2;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallingType;

/** Reads a request's string members (Bucket, Key, TableName...) generically, by member name. */
final class RequestFields {

  private RequestFields() {}

  static Map<String, String> of(SdkRequest request) {
    Map<String, String> fields = new HashMap<>(32);
    for (SdkField<?> field : request.sdkFields()) {
      if (field.marshallingType() == MarshallingType.STRING) {
        Object value = field.getValueOrDefault(request);
        if (value != null) {
          fields.put(field.memberName(), value.toString());
        }
      }
    }
    return fields;
  }
}
