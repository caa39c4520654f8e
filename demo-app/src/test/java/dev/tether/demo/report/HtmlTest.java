package dev.tether.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesEveryCharacterThatCouldEndTextOrAnAttribute() {
    assertThat(Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
  }

  @Test
  void leavesOtherTextAloneAndTurnsNullIntoNothing() {
    String plain = "GetObject tether-sources/acme/widgets/src/Main.java ✔ key ASIA…0001";
    assertThat(Html.escape(plain)).isSameAs(plain);
    assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    assertThat(Html.escape(null)).isEmpty();
  }
}
