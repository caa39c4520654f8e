package dev.tether.vault.internal.sts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The STS query-protocol XML documents, in the shape the AWS SDK parses. */
final class StsXml {

  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private StsXml() {}

  static String assumeRoleResponse(IssuedSession session, String requestId) {
    StringBuilder xml = new StringBuilder(1024);
    xml.append("<AssumeRoleResponse xmlns=\"").append(NAMESPACE).append("\">\n");
    xml.append("  <AssumeRoleResult>\n");
    if (session.sourceIdentity() != null) {
      element(xml, "    ", "SourceIdentity", session.sourceIdentity());
    }
    credentials(xml, session);
    xml.append("  </AssumeRoleResult>\n");
    xml.append("  <ResponseMetadata>\n");
    element(xml, "    ", "RequestId", requestId);
    xml.append("  </ResponseMetadata>\n");
    xml.append("</AssumeRoleResponse>\n");
    return xml.toString();
  }

  static String assumeRoleWithWebIdentityResponse(
      IssuedSession session, String subject, String audience, String provider, String requestId) {
    StringBuilder xml = new StringBuilder(1024);
    xml.append("<AssumeRoleWithWebIdentityResponse xmlns=\"").append(NAMESPACE).append("\">\n");
    xml.append("  <AssumeRoleWithWebIdentityResult>\n");
    element(xml, "    ", "SubjectFromWebIdentityToken", subject == null ? "" : subject);
    element(xml, "    ", "Audience", audience);
    element(xml, "    ", "Provider", provider);
    if (session.sourceIdentity() != null) {
      element(xml, "    ", "SourceIdentity", session.sourceIdentity());
    }
    credentials(xml, session);
    xml.append("  </AssumeRoleWithWebIdentityResult>\n");
    xml.append("  <ResponseMetadata>\n");
    element(xml, "    ", "RequestId", requestId);
    xml.append("  </ResponseMetadata>\n");
    xml.append("</AssumeRoleWithWebIdentityResponse>\n");
    return xml.toString();
  }

  // The assumed role and its credentials, as both AssumeRole answers carry them.
  private static void credentials(StringBuilder xml, IssuedSession session) {
    xml.append("    <AssumedRoleUser>\n");
    element(xml, "      ", "AssumedRoleId", session.assumedRoleId());
    element(xml, "      ", "Arn", session.assumedRoleArn());
    xml.append("    </AssumedRoleUser>\n");
    xml.append("    <Credentials>\n");
    element(xml, "      ", "AccessKeyId", session.session().accessKeyId());
    element(xml, "      ", "SecretAccessKey", session.session().secretAccessKey());
    element(xml, "      ", "SessionToken", session.session().sessionToken());
    element(xml, "      ", "Expiration", iso8601(session.session().expiration()));
    xml.append("    </Credentials>\n");
    element(xml, "    ", "PackedPolicySize", Integer.toString(session.packedPolicySize()));
  }

  static String errorResponse(StsFault fault, String requestId) {
    StringBuilder xml = new StringBuilder(512);
    xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\">\n");
    xml.append("  <Error>\n");
    element(xml, "    ", "Type", fault.status() >= 500 ? "Receiver" : "Sender");
    element(xml, "    ", "Code", fault.code());
    element(xml, "    ", "Message", fault.getMessage());
    xml.append("  </Error>\n");
    element(xml, "  ", "RequestId", requestId);
    xml.append("</ErrorResponse>\n");
    return xml.toString();
  }

  static String iso8601(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void element(StringBuilder xml, String indent, String name, String text) {
    xml.append(indent).append('<').append(name).append('>');
    escape(xml, text);
    xml.append("</").append(name).append(">\n");
  }

  private static void escape(StringBuilder xml, String text) {
    int plain = 0;
    while (plain < text.length() && text.charAt(plain) >= 0x20 && text.charAt(plain) != '&'
        && text.charAt(plain) != '<' && text.charAt(plain) != '>' && text.charAt(plain) != '"'
        && text.charAt(plain) != '\'') {
      plain++;
    }
    xml.append(text, 0, plain); // keys, tokens and names: all of it, as a rule
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          xml.append("&amp;");
          break;
        case '<':
          xml.append("&lt;");
          break;
        case '>':
          xml.append("&gt;");
          break;
        case '"':
          xml.append("&quot;");
          break;
        case '\'':
          xml.append("&apos;");
          break;
        default:
          // XML 1.0 forbids most control characters, even escaped.
          xml.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : c);
      }
    }
  }
}
