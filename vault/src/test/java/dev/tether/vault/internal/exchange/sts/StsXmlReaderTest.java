package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The reader of STS answers: what it reads from the XML STS writes, what it refuses, and, for
 * documents generated and mangled at random, that whatever it accepts the JDK's StAX parser
 * accepts too and reads the same texts from.
 */
class StsXmlReaderTest {

  private static final String[] PATH = {"R", "Result", "Credentials"};
  private static final String[] WANTED = {"Key", "Secret"};

  @Test
  void readsTextsAtThePathWithReferencesCdataAndLineEnds() throws Exception {
    Map<String, String> texts = read("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<!-- answer --><?pi data?>\n"
        + "<R xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\" a='1'>"
        + "<Result><Other><Key>not this</Key></Other>"
        + "<Credentials><Key>a&amp;b&lt;&#65;&#x42;<![CDATA[<c>]]><!--x-->d\r\ne\rf</Key>"
        + "<Secret/><Ignored>x</Ignored></Credentials></Result>"
        + "<Key>nor this</Key></R>\n<!-- after -->\n");

    assertThat(texts).containsOnly(Map.entry("Key", "a&b<AB<c>d\ne\nf"), Map.entry("Secret", ""));
    assertThat(read("<R><Result><Credentials><Key>\u00e9t\u00e9 \ud83d\ude00</Key></Credentials>"
        + "</Result></R>")).containsOnly(Map.entry("Key", "\u00e9t\u00e9 \ud83d\ude00"));
  }

  @Test
  void refusesWhatStsNeverWrites() {
    assertRefused("<!DOCTYPE R><R/>", "it declares a DTD");
    assertRefused("<R><Result><Credentials><Key>&x;</Key></Credentials></Result></R>",
        "it references an entity");
    assertRefused("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><R/>",
        "names an encoding other than UTF-8");
    assertRefused("<a:R xmlns:a=\"u\"/>", "its element a:R has a namespace prefix");
    assertRefused("<R xmlns:a=\"u\"/>", "its attribute xmlns:a has a namespace prefix");
    assertRefused("<R><Result><Credentials><Key><b/></Key></Credentials></Result></R>",
        "its Key holds an element, not text only");
    assertRefused("<R><Result><Credentials><Key>1</Key><Key>2</Key></Credentials></Result></R>",
        "it has Key twice");
    assertRefused("<Other/>", "its root element is Other, not R");
    assertRefused("<R>" + "<a>".repeat(40) + "</R>", "deeper than 32");
  }

  @Test
  void refusesXmlThatIsNotWellFormedNamingLineAndColumn() {
    assertRefused("", "not well-formed XML at line 1, column 1: no root element");
    assertRefused("<R>\n  <Result></R>", "at line 2, column 11: the end tag of R where Result");
    assertRefused("<R>a]]>b</R>", "']]>' in text");
    assertRefused("<R>\u0001</R>", "a character XML does not allow (U+1)");
    assertRefused("<R/><R/>", "content after the root element");
    assertRefused("<R a='1' a='2'/>", "the attribute a twice");
    assertRefused("<R a='<'/>", "'<' in an attribute value");
    assertRefused("<R><!-- a -- b --></R>", "'--' inside a comment");
    assertRefused("<R>&#0;</R>", "a character reference to no allowed character");
    assertRefused("<R>&#+65;</R>", "a character reference to no allowed character");
    assertRefused("<?xml encoding=\"UTF-8\"?><R/>", "encoding out of place");
    assertRefused("<?xml version=\"2.0\"?><R/>", "an XML version other than 1.0");
    assertRefused("<R><?xml version=\"1.0\"?></R>", "not at the start");
    assertRefused("<R>", "the document ends inside an element");
    assertThatThrownBy(() -> StsXmlReader.read(new byte[] {'<', 'R', '>', (byte) 0xC3, '<', '/',
        'R', '>'}, PATH, WANTED))
        .hasMessage("not well-formed XML: it is not UTF-8");
  }

  @Test
  void readsATagWithThousandsOfAttributes() throws Exception {
    StringBuilder tag = new StringBuilder("<R");
    for (int i = 0; i < 5_000; i++) {
      tag.append(" a").append(i).append("='").append(i).append('\'');
    }
    assertThat(read(tag + "><Result><Credentials><Key>k</Key></Credentials></Result></R>"))
        .containsOnly(Map.entry("Key", "k"));
    assertRefused(tag + " a4999='x'/>", "the attribute a4999 twice");
  }

  @Test
  void boundsTheNamesItQuotes() {
    String name = "N".repeat(5_000);
    assertThatThrownBy(() -> read("<" + name + "/>"))
        .hasMessage("its root element is " + "N".repeat(64) + "..., not R");
  }

  /**
   * Sound against StAX: a document the reader accepts, StAX accepts, with the same texts. And
   * complete on what STS writes: the documents generated before mangling use only the part of XML
   * the reader reads, so it accepts each that StAX accepts.
   */
  @Property(tries = 3000)
  void acceptsOnlyWhatStaxAcceptsAndReadsTheSame(@ForAll Random random) {
    String generated = new DocumentMaker(random).document();
    boolean mangled = random.nextBoolean();
    String text = mangled ? mangle(generated, random) : generated;
    byte[] xml = text.getBytes(StandardCharsets.UTF_8);

    Optional<Map<String, String>> ours;
    try {
      ours = Optional.of(StsXmlReader.read(xml, PATH, WANTED));
    } catch (StsXmlReader.Malformed e) {
      assertThat(e.getMessage()).hasSizeLessThan(300);
      ours = Optional.empty();
    }
    Optional<Map<String, String>> stax = StaxReference.read(xml, PATH, WANTED);

    Statistics.label("outcome").collect(mangled ? "mangled" : "generated",
        ours.isPresent() ? "read" : "refused", stax.isPresent() ? "StAX reads" : "StAX refuses");
    // Neither check may hold vacuously (about 40 % and 8 % in a run of 3,000).
    Statistics.label("outcome").coverage(coverage -> {
      coverage.check("generated", "read", "StAX reads").percentage(p -> p >= 20);
      coverage.check("mangled", "read", "StAX reads").percentage(p -> p >= 2);
    });
    if (ours.isPresent()) {
      assertThat(stax).as(text).contains(ours.get());
    }
    if (!mangled) {
      assertThat(ours).as(text).isEqualTo(stax);
    }
  }

  private static String mangle(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    String specials = "<>&;/!?-[]\"'=: \r\nx#";
    for (int edits = 1 + random.nextInt(3); edits > 0 && out.length() > 0; edits--) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(3)) {
        case 0:
          out.deleteCharAt(at);
          break;
        case 1:
          out.insert(at, specials.charAt(random.nextInt(specials.length())));
          break;
        default:
          int end = Math.min(out.length(), at + 1 + random.nextInt(12));
          out.insert(at, out.substring(at, end));
      }
    }
    return out.toString();
  }

  /** Documents of the part of XML STS writes, with the path's names and others. */
  private static final class DocumentMaker {
    private static final String[] NAMES = {"R", "Result", "Credentials", "Key", "Secret", "x"};
    private static final String[] TEXTS = {"abc", " ", "\n  ", "\r\n", "&amp;", "&lt;", "&gt;",
        "&quot;", "&apos;", "&#65;", "&#x2603;", "<![CDATA[<&>]]>", "<!-- c -->", "<?p d?>",
        "\u00e9", "\ud83d\ude00", "]", "]]", "+/=", "\t"};
    private final Random random;
    private final StringBuilder out = new StringBuilder();

    DocumentMaker(Random random) {
      this.random = random;
    }

    String document() {
      if (random.nextInt(8) == 0) {
        out.append('\uFEFF');
      }
      if (random.nextBoolean()) {
        out.append(pick("<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='UTF-8'?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"));
      }
      misc();
      element(0, random.nextInt(10) == 0 ? pick(NAMES) : "R");
      misc();
      return out.toString();
    }

    private void element(int depth, String name) {
      out.append('<').append(name);
      if (random.nextInt(3) == 0) {
        out.append(" xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"");
      }
      if (random.nextInt(4) == 0) {
        out.append(pick(" a='1'", " b=\"&amp;&#65;\"", "\n c = 'x' d=\"y\""));
      }
      if (random.nextInt(6) == 0) {
        out.append(random.nextBoolean() ? "/>" : " />");
        return;
      }
      out.append('>');
      int parts = random.nextInt(5);
      for (int i = 0; i < parts; i++) {
        if (depth < 5 && random.nextInt(3) > 0) {
          element(depth + 1, depth + 1 < PATH.length && random.nextInt(3) > 0
              ? PATH[depth + 1] : pick(NAMES));
        } else {
          out.append(pick(TEXTS));
        }
      }
      out.append("</").append(name).append(random.nextInt(10) == 0 ? " >" : ">");
    }

    private void misc() {
      for (int i = random.nextInt(3); i > 0; i--) {
        out.append(pick("\n", "<!-- m -->", "<?q?>", " "));
      }
    }

    private String pick(String... options) {
      return options[random.nextInt(options.length)];
    }
  }

  private static Map<String, String> read(String xml) throws StsXmlReader.Malformed {
    return StsXmlReader.read(xml.getBytes(StandardCharsets.UTF_8), PATH, WANTED);
  }

  private static void assertRefused(String xml, String message) {
    assertThatThrownBy(() -> read(xml))
        .isInstanceOf(StsXmlReader.Malformed.class)
        .hasMessageContaining(message);
  }
}
