package dev.tether.it.quarkus;

import io.quarkiverse.langchain4j.RegisterAiService;

/** An AI service whose tools run on virtual threads ({@code virtual-threads} mode). */
@RegisterAiService(chatLanguageModelSupplier = ScriptedModel.Supplier.class, tools = VirtualThreadTools.class)
public interface VirtualThreadAssistant {
  String chat(String message);
}
