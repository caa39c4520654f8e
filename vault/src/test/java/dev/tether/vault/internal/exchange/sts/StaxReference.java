package dev.tether.vault.internal.exchange.sts;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What the JDK's StAX parser, which {@link StsXmlReader} replaced, reads at a path: the reference
 * the reader is tested against. Empty when the parser refuses the document, or when it declares a
 * DTD or references an entity (which the Vault refused with StAX too).
 */
final class StaxReference {

  private StaxReference() {}

  static Optional<Map<String, String>> read(byte[] xml, String[] path, String... wanted) {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    Map<String, String> found = new HashMap<>();
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      int depth = 0;
      int matched = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
          return Optional.empty();
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = reader.getLocalName();
          if (depth == 0 && !name.equals(path[0])) {
            return Optional.empty();
          }
          if (matched == depth && depth < path.length && name.equals(path[depth])) {
            matched++;
            depth++;
          } else if (matched == path.length && depth == path.length
              && java.util.List.of(wanted).contains(name)) {
            if (found.putIfAbsent(name, reader.getElementText()) != null) {
              return Optional.empty();
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
      reader.close();
      return Optional.of(found);
    } catch (XMLStreamException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
