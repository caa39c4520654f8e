package dev.tether.vault.internal.exchange.sts;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads STS's XML answers: {@code <Action>Response/<Action>Result/Credentials} on success, {@code
 * ErrorResponse/Error} (Type, Code, Message) and {@code RequestId} on refusal. The reader is the
 * JDK's own StAX parser with DTDs and external entities off, and an answer that declares a DTD or
 * references an entity is refused outright: STS answers never do either. Messages about a malformed
 * success answer never quote it, since it may hold credentials.
 */
final class StsAnswers {

  /** The largest answer read; STS's are about 2 KiB. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  /** The refusal of an answer over {@link #MAX_ANSWER_BYTES}, whichever transport read it. */
  static StsUnavailableException tooLarge(String sender) {
    return new StsUnavailableException(
        StsUnavailableException.Reason.MALFORMED_ANSWER,
        sender + " answered with more than " + MAX_ANSWER_BYTES
            + " bytes; STS answers are about 2 KiB",
        null);
  }

  // One per thread: the JDK does not promise that a factory is safe to share.
  private static final ThreadLocal<XMLInputFactory> FACTORY =
      ThreadLocal.withInitial(StsAnswers::hardenedFactory);
  private static final int MAX_TEXT = 512;

  private StsAnswers() {}

  private static XMLInputFactory hardenedFactory() {
    // The JDK's implementation, whatever else is on the class path: its behaviour is the tested one.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /**
   * The credentials of a successful {@code action} answer.
   *
   * @throws StsUnavailableException (malformed answer) naming what was missing or wrong
   */
  static SessionCredentials credentials(String action, byte[] xml)
      throws StsUnavailableException {
    Map<String, String> fields;
    try {
      fields =
          read(
              xml,
              new String[] {action + "Response", action + "Result", "Credentials"},
              "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
    } catch (XMLStreamException | Malformed e) {
      throw malformed(action, "is not a well-formed " + action + "Response: " + reason(e));
    }
    String accessKeyId = fields.get("AccessKeyId");
    String secret = fields.get("SecretAccessKey");
    String token = fields.get("SessionToken");
    String expiration = fields.get("Expiration");
    if (fields.isEmpty()) {
      throw malformed(action, "has no " + action + "Result/Credentials");
    }
    for (String name : new String[] {"AccessKeyId", "SecretAccessKey", "SessionToken",
        "Expiration"}) {
      String value = fields.get(name);
      if (value == null || value.isBlank()) {
        throw malformed(action, "has Credentials without " + name);
      }
    }
    Instant expires;
    try {
      expires = Instant.parse(expiration.trim());
    } catch (DateTimeParseException e) {
      throw malformed(action, "has a Credentials/Expiration that is not an ISO-8601 instant");
    }
    return new SessionCredentials(accessKeyId.trim(), secret.trim(), token.trim(), expires);
  }

  /**
   * The refusal an error answer carries. An answer that is no STS error document (a proxy's page,
   * say) becomes a refusal without a code that describes it by its size only.
   */
  static StsRefusedException refusal(int status, byte[] xml) {
    Map<String, String> error;
    Map<String, String> response;
    try {
      error = read(xml, new String[] {"ErrorResponse", "Error"}, "Type", "Code", "Message");
      response = read(xml, new String[] {"ErrorResponse"}, "RequestId");
    } catch (XMLStreamException | Malformed e) {
      return new StsRefusedException(
          status, null, "the answer (" + xml.length + " bytes) is not an STS error document", null);
    }
    String code = error.get("Code");
    if (code == null || code.isBlank()) {
      return new StsRefusedException(
          status, null, "the answer (" + xml.length + " bytes) is not an STS error document", null);
    }
    String message = error.get("Message");
    return new StsRefusedException(
        status,
        printable(code.trim()),
        message == null || message.isBlank() ? "(no message)" : printable(message.trim()),
        response.get("RequestId") == null ? null : printable(response.get("RequestId").trim()));
  }

  /**
   * The text of each wanted child of the element at {@code path} (local names from the root),
   * each at most once; elsewhere the document may hold anything well-formed.
   */
  private static Map<String, String> read(byte[] xml, String[] path, String... wanted)
      throws XMLStreamException, Malformed {
    Map<String, String> found = new HashMap<>();
    XMLStreamReader reader = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(xml));
    try {
      int depth = 0; // elements open
      int matched = 0; // how many of them match path, from the root
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD) {
          throw new Malformed("it declares a DTD");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw new Malformed("it references an entity");
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = reader.getLocalName();
          if (depth == 0 && !name.equals(path[0])) {
            throw new Malformed("its root element is " + printable(name) + ", not " + path[0]);
          }
          if (matched == depth && depth < path.length && name.equals(path[depth])) {
            matched++;
            depth++;
          } else if (matched == path.length && depth == path.length && wants(wanted, name)) {
            String text = reader.getElementText(); // refuses child elements; consumes the end
            if (found.putIfAbsent(name, text) != null) {
              throw new Malformed("it has " + name + " twice");
            }
          } else {
            depth++;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (matched == depth) {
            matched--;
          }
          depth--;
        }
      }
      return found;
    } finally {
      reader.close();
    }
  }

  private static boolean wants(String[] wanted, String name) {
    for (String w : wanted) {
      if (w.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static StsUnavailableException malformed(String action, String what) {
    return new StsUnavailableException(
        StsUnavailableException.Reason.MALFORMED_ANSWER,
        "STS's answer to " + action + " " + what,
        null);
  }

  private static String reason(Exception e) {
    if (e instanceof Malformed) {
      return e.getMessage();
    }
    // The StAX message names line and column, and what was unexpected; never a text's content.
    XMLStreamException x = (XMLStreamException) e;
    String where = x.getLocation() == null
        ? ""
        : " at line " + x.getLocation().getLineNumber() + ", column "
            + x.getLocation().getColumnNumber();
    return "not well-formed XML" + where;
  }

  // STS's code and message go into the Vault's answer: printable characters only, bounded.
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
    for (int i = 0; i < text.length() && i < MAX_TEXT; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return text.length() > MAX_TEXT ? out + "..." : out.toString();
  }

  /** A well-formed document that is not the expected answer. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
