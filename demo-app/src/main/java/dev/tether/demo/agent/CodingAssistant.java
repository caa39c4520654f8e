package dev.tether.demo.agent;

/** The agent as LangChain4j's {@code AiServices} implements it: one call is one turn. */
interface CodingAssistant {

  String chat(String message);
}
