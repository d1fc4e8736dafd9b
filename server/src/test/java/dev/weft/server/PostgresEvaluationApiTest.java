package dev.weft.server;

/** {@link EvaluationApiTest} against a real PostgreSQL. */
class PostgresEvaluationApiTest extends EvaluationApiTest {

  @Override
  ServerConfig.Builder database(ServerConfig.Builder config) {
    return config.setDatabaseUrl(PostgresCluster.get().newDatabase());
  }
}
