package dev.tether.vault.internal.http;

import com.sun.net.httpserver.HttpExchange;
import dev.tether.core.json.SafeName;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body strictly: UTF-8, well-formed
 * percent-encoding, only the fields the endpoint names, each at most once and within its length,
 * the required ones present. Anything else is refused with 400 naming the field.
 */
public final class FormRequests {

  /** One endpoint's form: each field's longest value, and which fields must be there. */
  public record Form(String route, Map<String, Integer> maxLengths, Set<String> required) {
    public Form {
      maxLengths = Map.copyOf(maxLengths);
      required = Set.copyOf(required);
    }
  }

  private FormRequests() {}

  /** Reads the exchange's body, at most {@link Bodies#LIMIT} bytes, as {@code form}. */
  public static Map<String, String> read(HttpExchange exchange, Form form)
      throws IOException, RequestRejected {
    return decode(Bodies.readOrReject(exchange), form);
  }

  /** Decodes {@code body} as {@code form}: field name to value, in the order sent. */
  public static Map<String, String> decode(byte[] body, Form form) throws RequestRejected {
    if (body.length > Bodies.LIMIT) {
      throw Bodies.tooLarge();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw RequestRejected.invalid(
          "the form body of " + form.route() + " is not UTF-8; send it form-encoded in UTF-8");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // "a=1&&b=2" and a trailing '&' carry nothing
      }
      int eq = pair.indexOf('=');
      String name = percentDecoded(form, eq < 0 ? pair : pair.substring(0, eq), "a field name");
      Integer maxLength = form.maxLengths().get(name);
      if (maxLength == null) {
        throw RequestRejected.invalid(
            "unknown form field '"
                + SafeName.of(name)
                + "' in "
                + form.route()
                + "; known fields: "
                + form.maxLengths().keySet().stream().sorted().toList());
      }
      String value = eq < 0 ? "" : percentDecoded(form, pair.substring(eq + 1), "field " + name);
      if (fields.containsKey(name)) {
        throw RequestRejected.invalid(
            "form field '" + name + "' appears more than once in " + form.route()
                + "; send it once");
      }
      if (value.length() > maxLength) {
        throw RequestRejected.invalid(
            "form field '" + name + "' is " + value.length() + " characters; " + form.route()
                + " takes at most " + maxLength);
      }
      fields.put(name, value);
    }
    for (String name : form.required()) {
      if (fields.getOrDefault(name, "").isEmpty()) {
        throw RequestRejected.invalid(
            "form field '" + name + "' is " + (fields.containsKey(name) ? "empty" : "missing")
                + " in " + form.route() + "; send " + name + "=<value>"
                + " (Content-Type: application/x-www-form-urlencoded)");
      }
    }
    return fields;
  }

  private static String percentDecoded(Form form, String encoded, String what)
      throws RequestRejected {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) { // its message quotes the input: not passed on
      throw RequestRejected.invalid(
          "malformed percent-encoding in " + what + " of the form body of " + form.route()
              + "; escape '%' as %25 and write each byte as %XX with two hex digits");
    }
  }
}
