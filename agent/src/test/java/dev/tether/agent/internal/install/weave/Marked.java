package dev.tether.agent.internal.install.weave;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stands in for a tool annotation: matched by its descriptor, never loaded by the weaver. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Marked {}
