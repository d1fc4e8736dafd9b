package dev.weft.eval;

import java.util.List;

/** Plain-text tables for the console: columns padded to their widest cell, two spaces apart. */
final class Tables {
  private Tables() {}

  static String format(List<String[]> lines) {
    int columns = 0;
    for (String[] line : lines) {
      columns = Math.max(columns, line.length);
    }
    int[] widths = new int[columns];
    for (String[] line : lines) {
      for (int c = 0; c < line.length; c++) {
        widths[c] = Math.max(widths[c], line[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < line.length; c++) {
        text.append(line[c]);
        if (c < line.length - 1) {
          for (int pad = line[c].length(); pad < widths[c] + 2; pad++) {
            text.append(' ');
          }
        }
      }
      out.append(text).append('\n');
    }
    return out.toString();
  }
}
