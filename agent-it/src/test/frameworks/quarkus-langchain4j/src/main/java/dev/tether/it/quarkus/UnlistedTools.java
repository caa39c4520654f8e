package dev.tether.it.quarkus;

import dev.langchain4j.agent.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;

/** A tool the application offers the model but Tether's configuration does not list. */
@ApplicationScoped
public class UnlistedTools {

  @Tool("reads anything")
  public String unlisted(String path) {
    return Steps.s3.read("unlisted", path);
  }
}
