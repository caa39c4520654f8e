package dev.tether.vault.internal.attest.ec2iid;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The instance identity document: the JSON AWS signs (and IMDS serves at {@code
 * /instance-identity/document}). Known fields are type-checked; fields AWS adds later are kept for
 * display, not refused.
 *
 * @param fields every non-null field as display text: known fields first in a fixed order, then the
 *     others in document order
 */
record IdentityDocument(
    String accountId,
    String instanceId,
    String region,
    Instant pendingTime,
    Map<String, String> fields) {

  /** Why the content is not an identity document; the message names the field. */
  static final class BadDocument extends Exception {
    private static final long serialVersionUID = 1L;

    BadDocument(String message) {
      super(message, null, false, false);
    }
  }

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Fields AWS documents, in the order they are shown; each is a string (or null). */
  private static final List<String> TEXT_FIELDS =
      List.of(
          "accountId",
          "region",
          "availabilityZone",
          "instanceId",
          "instanceType",
          "imageId",
          "architecture",
          "privateIp",
          "pendingTime",
          "version",
          "kernelId",
          "ramdiskId");

  /** Fields AWS documents as lists of strings (or null). */
  private static final List<String> LIST_FIELDS =
      List.of("billingProducts", "devpayProductCodes", "marketplaceProductCodes");

  private static final List<String> REQUIRED =
      List.of("accountId", "instanceId", "region", "pendingTime");

  static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}");
  static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,32}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  static IdentityDocument parse(byte[] content) throws BadDocument {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadDocument("the signed content is not UTF-8 text");
    }
    JsonNode root;
    try {
      root = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new BadDocument(
          "the signed content is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + "; it must be the identity document IMDS returns");
    }
    if (root == null || !root.isObject()) {
      throw new BadDocument("the signed content is not a JSON object");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : TEXT_FIELDS) {
      JsonNode value = root.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isTextual()) {
        throw new BadDocument("field " + name + " is " + value.getNodeType() + ", not a string");
      }
      fields.put(name, value.textValue());
    }
    for (String name : LIST_FIELDS) {
      JsonNode value = root.get(name);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isArray()) {
        throw new BadDocument("field " + name + " is " + value.getNodeType() + ", not a list");
      }
      StringJoiner joined = new StringJoiner(",");
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw new BadDocument(
              "field " + name + " holds a " + item.getNodeType() + ", not a string");
        }
        joined.add(item.textValue());
      }
      fields.put(name, joined.toString());
    }
    for (Map.Entry<String, JsonNode> extra : root.properties()) {
      if (!fields.containsKey(extra.getKey()) && !extra.getValue().isNull()) {
        JsonNode value = extra.getValue();
        fields.putIfAbsent(
            extra.getKey(), value.isTextual() ? value.textValue() : value.toString());
      }
    }
    for (String name : REQUIRED) {
      if (!fields.containsKey(name)) {
        throw new BadDocument("field " + name + " is missing");
      }
    }
    String region = fields.get("region");
    if (!REGION.matcher(region).matches()) {
      throw new BadDocument("field region is not an AWS region name (like us-west-2)");
    }
    String instanceId = fields.get("instanceId");
    if (!INSTANCE_ID.matcher(instanceId).matches()) {
      throw new BadDocument(
          "field instanceId is not an EC2 instance id (like i-0123456789abcdef0)");
    }
    if (!ACCOUNT_ID.matcher(fields.get("accountId")).matches()) {
      throw new BadDocument("field accountId is not a 12-digit AWS account id");
    }
    Instant pendingTime;
    try {
      pendingTime = Instant.parse(fields.get("pendingTime"));
    } catch (DateTimeParseException e) {
      throw new BadDocument("field pendingTime is not an ISO-8601 UTC instant");
    }
    return new IdentityDocument(fields.get("accountId"), instanceId, region, pendingTime, fields);
  }
}
