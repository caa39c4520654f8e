package dev.tether.core.json;

/**
 * Where something starts in a JSON text. Both count from 1; the column counts UTF-16 characters
 * from the start of the line.
 */
public record JsonPosition(int line, int column) {

  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
