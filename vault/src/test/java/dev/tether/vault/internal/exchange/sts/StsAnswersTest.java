package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STS's XML answers: read when well-formed and complete, refused clearly otherwise. */
class StsAnswersTest {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
  private static final String TOKEN = "FwoGZXIvYXdzEBYaDHhBTEXAMPLETOKEN==";

  // The shape of AWS's documented AssumeRole answer.
  private static String success(String credentials) {
    return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
        + "<AssumeRoleResult>\n<SourceIdentity>tether-alice</SourceIdentity>\n"
        + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn>"
        + "<AssumedRoleId>ARO123EXAMPLE123:s</AssumedRoleId></AssumedRoleUser>\n"
        + "<Credentials>" + credentials + "</Credentials>\n"
        + "<PackedPolicySize>6</PackedPolicySize>\n</AssumeRoleResult>\n"
        + "<ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>"
        + "</ResponseMetadata>\n</AssumeRoleResponse>";
  }

  private static final String CREDENTIALS =
      "<SessionToken>" + TOKEN + "</SessionToken><SecretAccessKey>" + SECRET
          + "</SecretAccessKey><Expiration>2011-07-15T23:28:33.359Z</Expiration>"
          + "<AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId>";

  @Test
  void readsTheCredentialsOfASuccessfulAnswer() throws Exception {
    SessionCredentials credentials =
        StsAnswers.credentials("AssumeRole", bytes(success(CREDENTIALS)));

    assertThat(credentials.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(credentials.secretAccessKey()).isEqualTo(SECRET);
    assertThat(credentials.sessionToken()).isEqualTo(TOKEN);
    assertThat(credentials.expiration()).isEqualTo(Instant.parse("2011-07-15T23:28:33.359Z"));
    assertThat(credentials.toString()).doesNotContain(SECRET).doesNotContain(TOKEN)
        .contains("AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  void readsTheWebIdentityAnswerByItsOwnNames() throws Exception {
    String xml = success(CREDENTIALS).replace("AssumeRole", "AssumeRoleWithWebIdentity");

    assertThat(StsAnswers.credentials("AssumeRoleWithWebIdentity", bytes(xml)).accessKeyId())
        .isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(malformed("AssumeRole", xml))
        .hasMessageContaining("root element is AssumeRoleWithWebIdentityResponse");
  }

  @Test
  void refusesIncompleteOrAmbiguousCredentialsWithoutQuotingThem() {
    assertThat(malformed("AssumeRole",
        success(CREDENTIALS.replace("<SessionToken>" + TOKEN + "</SessionToken>", ""))))
        .hasMessage("STS's answer to AssumeRole has Credentials without SessionToken");
    assertThat(malformed("AssumeRole", success(CREDENTIALS + "<AccessKeyId>X</AccessKeyId>")))
        .hasMessageContaining("AccessKeyId twice");
    assertThat(malformed("AssumeRole",
        success(CREDENTIALS.replace("2011-07-15T23:28:33.359Z", "tomorrow"))))
        .hasMessageContaining("Expiration that is not an ISO-8601 instant");
    assertThat(malformed("AssumeRole",
        success(CREDENTIALS).replace("<Credentials>", "<Other>").replace("</Credentials>",
            "</Other>")))
        .hasMessageContaining("has no AssumeRoleResult/Credentials");
    StsUnavailableException truncated =
        malformed("AssumeRole", success(CREDENTIALS).substring(0, 400));
    assertThat(truncated).hasMessageContaining("not well-formed XML at line");
    for (StsUnavailableException e : new StsUnavailableException[] {truncated,
        malformed("AssumeRole", success(CREDENTIALS + "<AccessKeyId>X</AccessKeyId>"))}) {
      assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(TOKEN);
      assertThat(e.reason()).isEqualTo(StsUnavailableException.Reason.MALFORMED_ANSWER);
    }
  }

  @Test
  void refusesWhatIsNoXmlAtAll() {
    assertThat(malformed("AssumeRole", "<html><body>Bad gateway</body></html>"))
        .hasMessageContaining("root element is html, not AssumeRoleResponse");
    assertThat(malformed("AssumeRole", "")).hasMessageContaining("not well-formed XML");
    assertThat(malformed("AssumeRole", "{\"Credentials\":{}}"))
        .hasMessageContaining("not well-formed XML");
  }

  /** An external entity must be neither fetched nor expanded: the answer is refused for its DTD. */
  @Test
  void refusesADoctypeAndNeverReadsAnExternalEntity(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("secret.txt");
    Files.writeString(secretFile, "FILE-CONTENT-MARKER");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE AssumeRoleResponse [\n"
        + "<!ENTITY leak SYSTEM \"" + secretFile.toUri() + "\">]>\n"
        + success(CREDENTIALS.replace("AKIAIOSFODNN7EXAMPLE", "&leak;"));

    StsUnavailableException e = malformed("AssumeRole", xxe);

    assertThat(e).hasMessageContaining("DTD");
    assertThat(e.getMessage()).doesNotContain("FILE-CONTENT-MARKER");
    StsRefusedException refusal = StsAnswers.refusal(400, bytes(
        "<!DOCTYPE r [<!ENTITY leak SYSTEM \"" + secretFile.toUri() + "\">]>"
            + "<ErrorResponse><Error><Code>&leak;</Code></Error></ErrorResponse>"));
    assertThat(refusal.code()).isNull();
    assertThat(refusal.getMessage()).doesNotContain("FILE-CONTENT-MARKER");
  }

  @Test
  void refusesEntityExpansion() {
    StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [");
    lol.append("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      lol.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        lol.append("&lol").append(i - 1).append(';');
      }
      lol.append("\">");
    }
    lol.append("]>").append(success(CREDENTIALS.replace("AKIAIOSFODNN7EXAMPLE", "&lol9;")));

    assertThat(malformed("AssumeRole", lol.toString())).hasMessageContaining("DTD");
  }

  @Test
  void readsAnErrorAnswer() {
    StsRefusedException e = StsAnswers.refusal(403, bytes(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
            + "  <Error>\n    <Type>Sender</Type>\n    <Code>AccessDenied</Code>\n"
            + "    <Message>User: arn:aws:iam::123456789012:user/vault is not authorized to"
            + " perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x &amp;"
            + " more</Message>\n  </Error>\n  <RequestId>8c7a-11e0</RequestId>\n"
            + "</ErrorResponse>\n"));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("AccessDenied");
    assertThat(e.stsMessage()).endsWith("role/x & more").startsWith("User: arn:aws:iam::");
    assertThat(e.requestId()).isEqualTo("8c7a-11e0");
    assertThat(e).hasMessageStartingWith("HTTP 403: AccessDenied: User: ");
  }

  @Test
  void describesAnErrorAnswerThatIsNoStsDocumentByItsSizeOnly() {
    byte[] page = bytes("<html>upstream said " + SECRET + "</html>");
    StsRefusedException e = StsAnswers.refusal(502, page);

    assertThat(e.code()).isNull();
    assertThat(e.stsMessage())
        .isEqualTo("the answer (" + page.length + " bytes) is not an STS error document");
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(StsAnswers.refusal(500, new byte[0]).stsMessage())
        .isEqualTo("the answer (0 bytes) is not an STS error document");
  }

  private static StsUnavailableException malformed(String action, String xml) {
    return catchThrowableOfType(
        StsUnavailableException.class, () -> StsAnswers.credentials(action, bytes(xml)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
