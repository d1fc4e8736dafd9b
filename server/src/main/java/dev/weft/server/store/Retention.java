package dev.weft.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes calls by age. An ancestor starts no later than its descendants, so deleting by start time
 * never leaves a stored call whose roll-up counts more than what its tree had when it was complete.
 */
final class Retention {

  private Retention() {}

  static long delete(Connection connection, long cutoffNs) throws SQLException {
    long deleted = 0;
    for (String project : projects(connection)) {
      for (String table : new String[] {"calls", "call_usage", "rollups"}) {
        try (PreparedStatement statement = connection.prepareStatement(
            "DELETE FROM " + table + " WHERE project = ? AND started_at < ?")) {
          statement.setString(1, project);
          statement.setLong(2, cutoffNs);
          int rows = statement.executeUpdate();
          deleted += "calls".equals(table) ? rows : 0;
        }
      }
    }
    if (deleted > 0) {
      recount(connection);
    }
    return deleted;
  }

  private static List<String> projects(Connection connection) throws SQLException {
    List<String> projects = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM projects")) {
      while (rows.next()) {
        projects.add(rows.getString(1));
      }
    }
    return projects;
  }

  private static void recount(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE projects SET"
          + " call_count = (SELECT COUNT(*) FROM calls c WHERE c.project = projects.name),"
          + " trace_count = (SELECT COUNT(*) FROM calls c WHERE c.project = projects.name"
          + " AND c.parent_id IS NULL)");
      statement.executeUpdate("UPDATE ops SET call_count = (SELECT COUNT(*) FROM calls c"
          + " WHERE c.project = ops.project AND c.op_name = ops.op_name),"
          + " trace_count = (SELECT COUNT(*) FROM calls c WHERE c.project = ops.project"
          + " AND c.op_name = ops.op_name AND c.parent_id IS NULL)");
      statement.executeUpdate("DELETE FROM ops WHERE call_count = 0");
    }
  }
}
