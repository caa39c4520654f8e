package dev.tether.demo.report;

/** The task the demo agent works on, as the orchestrator would name it. */
public record DemoTask(String taskId, String userId, String repo) {}
